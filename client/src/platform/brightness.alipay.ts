import Taro from '@tarojs/taro';

export const CAN_SET_BRIGHTNESS = true;

/** Full brightness for the counter's scanner; returns how to put the old value back. */
export async function brightUp(): Promise<() => void> {
  let before: number | null = null;
  try {
    before = (await Taro.getScreenBrightness()).value;
    await Taro.setScreenBrightness({ value: 1 });
  } catch {
    return () => undefined;
  }
  return () => {
    if (before !== null) void Taro.setScreenBrightness({ value: before }).catch(() => undefined);
  };
}
