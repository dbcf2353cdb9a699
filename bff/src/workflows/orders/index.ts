import { cancelCheckJob } from './cancel-order.workflow';
import { expireJob } from './expire-order.job';
import { pollJob } from './poll-payment.job';
import { postJob } from './post-order.job';
import { refundJob } from './refund-order.job';

/** The order machinery's background work, registered by the composition root. */
export const orderJobs = [postJob, refundJob, expireJob, pollJob, cancelCheckJob] as const;
