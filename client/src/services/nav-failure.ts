/**
 * A tap that needs a page not loaded yet (a subpackage, an H5 chunk) while the network is down:
 * the page cannot open. Whoever shows pages (PageShell) listens here and shows the same
 * 网络连接失败 + 重试 as a page whose request failed; 重试 opens the page again.
 */
type Listener = (retry: (() => void) | null) => void;
const listeners = new Set<Listener>();
let pending: (() => void) | null = null;

export function onNavFailure(listener: Listener): () => void {
  listeners.add(listener);
  listener(pending);
  return () => listeners.delete(listener);
}

export function reportNavFailure(retry: () => void): void {
  pending = () => {
    clearNavFailure();
    retry();
  };
  for (const l of listeners) l(pending);
}

export function clearNavFailure(): void {
  pending = null;
  for (const l of listeners) l(null);
}

/** webpack's chunk errors, and the mini-programs' subpackage download failures. */
export function isLoadFailure(reason: unknown): boolean {
  const text = reason instanceof Error ? `${reason.name} ${reason.message}` : typeof reason === 'object' && reason ? String((reason as { errMsg?: unknown }).errMsg ?? '') : String(reason ?? '');
  return /ChunkLoadError|Loading (CSS )?chunk .* failed|loadSubpackage|subpackage|network|timeout/i.test(text);
}
