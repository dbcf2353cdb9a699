export default async function globalTeardown(): Promise<void> {
  const pg = (globalThis as { __pg?: { stop(): Promise<void> } }).__pg;
  if (pg) await pg.stop();
}
