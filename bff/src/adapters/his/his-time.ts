/** Transitional alias of the one time module; importers move to domain/time. */
export { beijingDate, beijingDateTime, chineseWeekday } from '../../domain/time';
