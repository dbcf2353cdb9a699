/**
 * Credentials shared by the WeChat simulator and a `{mode:'sim'}` provider. Not secrets: they only
 * ever open the in-process simulator. Kept apart so the provider does not import Koa.
 */
export const WECHAT_SIM_APP_ID = 'wx00000000000051a0';
export const WECHAT_SIM_APP_SECRET = 'sim0wechat0app0secret0not0real00';
