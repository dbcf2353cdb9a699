/**
 * GBK bytes of a string. Node decodes GBK but cannot encode it; a HIS that sends GBK usually signs
 * the GBK bytes too, so the push signature is checked over both encodings. The table is built once,
 * on first use, by decoding every two-byte GBK sequence.
 */
let table: Map<string, number> | undefined;

function buildTable(): Map<string, number> {
  const map = new Map<string, number>();
  const decoder = new TextDecoder('gbk', { fatal: true });
  const pair = new Uint8Array(2);
  for (let lead = 0x81; lead <= 0xfe; lead += 1) {
    for (let trail = 0x40; trail <= 0xfe; trail += 1) {
      if (trail === 0x7f) continue;
      pair[0] = lead;
      pair[1] = trail;
      let ch: string;
      try {
        ch = decoder.decode(pair);
      } catch {
        continue;
      }
      if (ch.length === 1 && !map.has(ch)) map.set(ch, (lead << 8) | trail);
    }
  }
  return map;
}

/** null when a character has no GBK form. */
export function encodeGbk(text: string): Buffer | null {
  table ??= buildTable();
  const out: number[] = [];
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x80) {
      out.push(cp);
      continue;
    }
    const code = table.get(ch);
    if (code === undefined) return null;
    out.push(code >> 8, code & 0xff);
  }
  return Buffer.from(out);
}
