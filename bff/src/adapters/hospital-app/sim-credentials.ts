/**
 * Credentials shared by the hospital-app simulator and a `{mode:'sim'}` provider. Not secrets: they
 * only ever open the in-process simulator. Kept apart so the provider does not import Koa.
 */
export const HOSPITAL_APP_SIM_APP_KEY = 'sim-hospital-app';
export const HOSPITAL_APP_SIM_APP_SECRET = 'sim0hospital0app0secret0not0real';
