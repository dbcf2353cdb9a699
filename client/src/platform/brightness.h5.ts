/** A web page cannot set the screen's brightness: the card page says so instead. */
export const CAN_SET_BRIGHTNESS = false;

export async function brightUp(): Promise<() => void> {
  return () => undefined;
}
