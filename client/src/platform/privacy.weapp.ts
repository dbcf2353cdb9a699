import Taro from '@tarojs/taro';

/**
 * WeChat holds a privacy API (phone number, clipboard, album…) until the user has agreed to the
 * mini-program's privacy guide through a button with open-type="agreePrivacyAuthorization". When
 * that happens we open our consent page, whose 同意 button is that button (id below), and tell
 * WeChat the answer here.
 */
type Resolve = (option: { event: 'exposureAuthorization' | 'agree' | 'disagree'; buttonId?: string }) => void;

export const PRIVACY_AGREE_BUTTON_ID = 'consent-agree';
export const AGREE_OPEN_TYPE = 'agreePrivacyAuthorization' as const;
let pending: Resolve | null = null;

export function watchPrivacy(consentUrl: string): void {
  if (typeof Taro.onNeedPrivacyAuthorization !== 'function') return; // base library < 2.32.3
  Taro.onNeedPrivacyAuthorization((resolve) => {
    pending = resolve as Resolve;
    pending({ event: 'exposureAuthorization' });
    void Taro.navigateTo({ url: consentUrl });
  });
}

/** The consent page's answer, passed on to a waiting privacy API (if any). */
export function answerPrivacy(agreed: boolean): void {
  const resolve = pending;
  pending = null;
  resolve?.(agreed ? { event: 'agree', buttonId: PRIVACY_AGREE_BUTTON_ID } : { event: 'disagree' });
}
