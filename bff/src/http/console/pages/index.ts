import type { ConsolePage } from '../console-kit';
import { auditPage } from './audit.page';
import { hisRefundsExportPage } from './his-refunds-export.page';
import { hisRefundsPage } from './his-refunds.page';
import { messagesPage } from './messages.page';
import { operatorsPage } from './operators.page';
import { orderPage } from './order.page';
import { reconciliationPage } from './reconciliation.page';
import { waitingPage } from './waiting.page';

/** Every console page; a new page is one module added here (its nav entry comes with it). */
export const CONSOLE_PAGES: readonly ConsolePage[] = [waitingPage, reconciliationPage, messagesPage, hisRefundsPage, auditPage, operatorsPage, orderPage, hisRefundsExportPage];
