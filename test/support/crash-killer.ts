import type { BffProcess } from './bff-process';

/**
 * SIGKILLs the BFF child process at random moments and starts it again, until stopped. It stays up
 * between `minUpMs` and `minUpMs + spreadMs` after each restart: long enough for a flow's requests
 * to land, short enough that the kill falls anywhere inside them.
 */
export function startKiller(bff: BffProcess, label: string, opts: { minUpMs?: number; spreadMs?: number } = {}): { stop(): Promise<number> } {
  const minUp = opts.minUpMs ?? 150;
  const spread = opts.spreadMs ?? 900;
  let done = false;
  let kills = 0;
  const running = (async () => {
    while (!done) {
      await new Promise((r) => setTimeout(r, minUp + Math.random() * spread));
      if (done) break;
      await bff.kill();
      kills += 1;
      await bff.start().catch((err: Error) => {
        process.stdout.write(`${label}: restart ${kills} failed: ${err.message.slice(0, 3000)}\n`);
        throw err;
      });
    }
  })();
  return {
    /** Stops killing, makes sure the BFF is up, and says how many times it was killed. */
    async stop() {
      done = true;
      await running;
      if (!bff.running) await bff.start();
      return kills;
    },
  };
}
