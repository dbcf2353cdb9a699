/**
 * Login: each platform turns a one-time code from the client into a stable subject (openid,
 * Alipay user id, hospital-app user id). The subject and any session keys stay in the BFF.
 */
export type LoginPlatform = 'weapp' | 'alipay' | 'h5';

export interface ExternalIdentity {
  /** Stable per user and app: WeChat openid, Alipay user_id / open_id, hospital-app user id. */
  subject: string;
  /** WeChat unionid where the platform gives one; never sent to the client. */
  unionId?: string;
}

/**
 * Implemented by one adapter per platform. Failures:
 *  - AppError('LOGIN_FAILED') when the platform says the code is invalid, used or expired;
 *  - AppError('UPSTREAM_UNAVAILABLE') when the platform cannot be reached or answers garbage.
 */
export interface IdentityProvider {
  readonly platform: LoginPlatform;
  exchange(code: string): Promise<ExternalIdentity>;
}
