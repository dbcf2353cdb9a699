import { z } from 'zod';

export const Platform = z.enum(['weapp', 'alipay', 'h5']);
export type Platform = z.infer<typeof Platform>;

export const LoginRequest = z
  .object({
    platform: z.enum(['weapp', 'alipay', 'h5', 'demo']),
    /** wx.login code, my.getAuthCode authCode, the hospital app's ticket, or the demo user name. */
    code: z.string().trim().min(1).max(512),
  })
  .meta({ id: 'LoginRequest' });
export type LoginRequest = z.infer<typeof LoginRequest>;

export const Me = z
  .object({
    accountId: z.string(),
    platform: z.enum(['weapp', 'alipay', 'h5', 'demo']),
    elderMode: z.boolean(),
  })
  .meta({ id: 'Me' });
export type Me = z.infer<typeof Me>;

export const LoginResponse = z
  .object({
    token: z.string(),
    expiresAt: z.string(),
    /** The token's lifetime from now: the client refreshes it (POST /auth/refresh) past half of it, whatever its clock says. */
    expiresInSeconds: z.number().int().positive(),
    me: Me,
  })
  .meta({ id: 'LoginResponse' });
export type LoginResponse = z.infer<typeof LoginResponse>;

export const PreferencesRequest = z.object({ elderMode: z.boolean() }).meta({ id: 'PreferencesRequest' });
export type PreferencesRequest = z.infer<typeof PreferencesRequest>;
