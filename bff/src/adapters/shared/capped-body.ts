/**
 * Reading an upstream reply without trusting its size: one loop for the login/channel kit
 * (upstream-http.ts) and the payment client, which word the failures differently.
 */

/**
 * The body's bytes, or null once it passes `maxBytes` (the stream is then cancelled rather than
 * drained). Stream errors (a timeout or reset mid-body) are thrown as they come, for the caller
 * to name.
 */
export async function readCappedBody(body: ReadableStream<Uint8Array>, maxBytes: number): Promise<Buffer | null> {
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return Buffer.concat(chunks);
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return null;
    }
    chunks.push(value);
  }
}

/** Strict UTF-8: invalid bytes throw instead of becoming U+FFFD. */
export function decodeUtf8Strict(bytes: Uint8Array): string {
  return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
}

/** Whether fetch failed on its deadline (or an abort) rather than the network. */
export function isAbortError(err: unknown): boolean {
  // By name, not instanceof: errors thrown by fetch may come from another realm (e.g. under jest).
  const name = (err as { name?: unknown } | null)?.name;
  return name === 'TimeoutError' || name === 'AbortError';
}
