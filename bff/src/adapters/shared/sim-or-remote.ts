/**
 * The sim/remote choice every platform factory makes (login providers and notice channels), kept in
 * one place so they all fail alike: in `sim` mode the simulator's base URL is required (the
 * simulator's built-in credentials go with it); in `remote` mode the configured values are used and
 * the base URL override, when given, replaces the configured address.
 */

type ModeConfig = { mode: 'sim' } | { mode: 'remote' };

export interface SimOrRemote<C extends ModeConfig, T> {
  /** Builds for the simulator listening at `baseUrl`. */
  sim(baseUrl: string): T;
  /** Builds from the remote config; `baseUrlOverride` (when set) wins over its address. */
  remote(cfg: Extract<C, { mode: 'remote' }>, baseUrlOverride: string | undefined): T;
}

export function simOrRemote<C extends ModeConfig, T>(
  what: string,
  cfg: C,
  baseUrlOverride: string | undefined,
  build: SimOrRemote<C, T>,
): T {
  if (cfg.mode === 'sim') {
    if (!baseUrlOverride) throw new Error(`${what}: sim mode needs the simulator base URL`);
    return build.sim(baseUrlOverride);
  }
  return build.remote(cfg as Extract<C, { mode: 'remote' }>, baseUrlOverride);
}
