/** Transitional alias of the one time module; importers move to domain/time. */
export { addDays, beijingDate, later } from './time';
