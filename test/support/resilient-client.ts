/** A client that behaves like a patient's phone: when the BFF is down it waits and tries again. */
export async function resilientRequest(
  base: () => string,
  method: string,
  path: string,
  opts: { token?: string; body?: unknown; giveUpMs?: number } = {},
): Promise<{ status: number; body: any }> {
  const deadline = Date.now() + (opts.giveUpMs ?? 60_000);
  for (;;) {
    try {
      const res = await fetch(`${base()}${path}`, {
        method,
        headers: { ...(opts.body !== undefined ? { 'content-type': 'application/json' } : {}), ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}) },
        body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
        signal: AbortSignal.timeout(5_000),
      });
      const text = await res.text();
      // A 5xx during a crash/restart is retried like a dropped connection.
      if (res.status >= 500 && Date.now() < deadline) throw new Error(`HTTP ${res.status}`);
      return { status: res.status, body: text ? JSON.parse(text) : null };
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}
