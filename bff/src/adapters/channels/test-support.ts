/** Helpers for the channel tests (not used by production code). */
export { capturingLogger, fixedReplyServer } from '../shared/test-support';
