/** H5 has no platform privacy gate: our own consent (BFF-recorded) is the whole of it. */
export const PRIVACY_AGREE_BUTTON_ID = 'consent-agree';
export const AGREE_OPEN_TYPE = undefined;

export function watchPrivacy(_consentUrl: string): void {
  // nothing to watch
}

export function answerPrivacy(_agreed: boolean): void {
  // nothing waits
}
