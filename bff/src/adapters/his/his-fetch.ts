import { AppError } from '@hosp/shared';
import { hisBadReply, hisUnavailable } from '../../domain/his-errors';

export interface ReplyBody {
  status: number;
  text: string;
}

/** One POST with a deadline covering connect, headers and body; the body is read under a byte cap. */
export async function postCapped(
  method: string,
  url: string,
  init: { headers: Record<string, string>; body: string },
  limits: { timeoutMs: number; maxReplyBytes: number },
): Promise<ReplyBody> {
  const signal = AbortSignal.timeout(limits.timeoutMs);
  let res: Response;
  try {
    res = await fetch(url, { method: 'POST', headers: init.headers, body: init.body, signal, redirect: 'error' });
  } catch (err) {
    throw hisUnavailable(method, describe(err));
  }
  try {
    const declared = Number(res.headers.get('content-length') ?? NaN);
    if (Number.isFinite(declared) && declared > limits.maxReplyBytes) {
      throw hisBadReply(method, `reply too large (${declared} bytes)`);
    }
    const bytes = await readAtMost(method, res, limits.maxReplyBytes);
    return { status: res.status, text: decodeText(method, bytes, res.headers.get('content-type')) };
  } catch (err) {
    await res.body?.cancel().catch(() => undefined);
    if (err instanceof AppError) throw err;
    throw hisUnavailable(method, describe(err));
  }
}

async function readAtMost(method: string, res: Response, max: number): Promise<Buffer> {
  if (!res.body) return Buffer.alloc(0);
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > max) throw hisBadReply(method, `reply too large (> ${max} bytes)`);
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/** UTF-8 unless the reply names another charset (some HIS answer in GBK). */
function decodeText(method: string, bytes: Buffer, contentType: string | null): string {
  const label = /charset\s*=\s*"?([\w.:-]+)"?/i.exec(contentType ?? '')?.[1] ?? 'utf-8';
  try {
    return new TextDecoder(label, { fatal: true }).decode(bytes);
  } catch {
    throw hisBadReply(method, `reply is not valid ${label}`);
  }
}

export function describe(err: unknown): string {
  if (err instanceof Error) {
    if (err.name === 'TimeoutError' || err.name === 'AbortError') return 'timeout';
    const cause = (err as { cause?: { code?: unknown } }).cause;
    return typeof cause?.code === 'string' ? cause.code : err.message;
  }
  return 'unknown error';
}
