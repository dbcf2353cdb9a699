import { useMemo } from 'react';
import Taro from '@tarojs/taro';
import { View } from '@tarojs/components';
import { encode } from 'uqr';

/** A row of the code as runs of one colour: far fewer nodes than one per module. */
function runs(row: boolean[]): Array<{ dark: boolean; length: number }> {
  const out: Array<{ dark: boolean; length: number }> = [];
  for (const dark of row) {
    const last = out[out.length - 1];
    if (last && last.dark === dark) last.length += 1;
    else out.push({ dark, length: 1 });
  }
  return out;
}

/**
 * A QR code drawn with plain views (no canvas, no image): the same on WeChat, Alipay and H5, and
 * crisp at any brightness. `label` is what a screen reader says instead of the picture.
 */
export function QrCode({ text, size = 240, label, id }: { text: string; size?: number; label: string; id?: string }) {
  const qr = useMemo(() => encode(text, { ecc: 'M', border: 2 }), [text]);
  // Whole design pixels per module, so no seams between runs.
  const cell = Math.max(2, Math.floor(size / qr.size));
  const px = (n: number) => Taro.pxTransform(n);
  return (
    <View className="qr" id={id} role="img" aria-label={label} style={{ width: px(cell * qr.size), height: px(cell * qr.size) }}>
      {qr.data.map((row, y) => (
        <View key={y} className="qr__row" style={{ height: px(cell) }}>
          {runs(row).map((r, x) => (
            <View key={x} className={r.dark ? 'qr__dark' : 'qr__light'} style={{ width: px(cell * r.length), height: px(cell) }} />
          ))}
        </View>
      ))}
    </View>
  );
}
