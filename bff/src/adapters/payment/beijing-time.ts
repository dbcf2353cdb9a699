/** Transitional alias of the one time module; importers move to domain/time. */
export { formatCompact as formatBeijingTime, parseCompact as parseBeijingTime } from '../../domain/time';
