import type { ConsentStatus } from '@hosp/shared';
import { call } from './request';

/** Accepts exactly the versions the patient was shown (the BFF refuses stale ones). */
export function acceptShown(status: ConsentStatus): Promise<ConsentStatus> {
  const v = Object.fromEntries(status.documents.map((d) => [d.kind, d.version]));
  return call('acceptConsent', { body: { privacyPolicy: v['privacy-policy'] ?? '', userAgreement: v['user-agreement'] ?? '' } });
}
