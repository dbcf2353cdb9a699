import type { LoginCredential } from './types';

export function primeLogin(): void {
  // nothing to capture on Alipay: my.getAuthCode gives a fresh code on demand
}

/** my.getAuthCode (silent auth_base) → an authCode the BFF exchanges for the user id. */
export function platformLogin(): Promise<LoginCredential | null> {
  return new Promise((resolve, reject) => {
    my.getAuthCode({
      scopes: 'auth_base',
      success: (res) => resolve({ platform: 'alipay', code: res.authCode }),
      fail: (err) => reject(new Error(err.errorMessage || 'my.getAuthCode failed')),
    });
  });
}

export const demoLoginAllowed = false;
