/**
 * Alipay shows the mini-program's privacy policy (configured in the open platform console) itself
 * before its privacy APIs; our own consent (BFF-recorded) covers what we collect in forms.
 */
export const PRIVACY_AGREE_BUTTON_ID = 'consent-agree';
export const AGREE_OPEN_TYPE = undefined;

export function watchPrivacy(_consentUrl: string): void {
  // nothing to watch
}

export function answerPrivacy(_agreed: boolean): void {
  // nothing waits
}
