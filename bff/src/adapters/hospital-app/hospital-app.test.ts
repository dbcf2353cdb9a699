import type { RunningSimulator } from '../shared/sim-kit';
import { capturingLogger, codeOf } from '../shared/test-support';
import { HOSPITAL_APP_CODES, TICKET_EXCHANGE_PATH, ticketSign } from './hospital-app-protocol';
import { createHospitalAppProvider, hospitalAppProvider } from './hospital-app-provider';
import {
  HOSPITAL_APP_SIM_APP_KEY,
  HOSPITAL_APP_SIM_APP_SECRET,
  createHospitalAppSimulator,
} from './hospital-app-simulator';

describe('hospital app ticket exchange adapter + simulator', () => {
  let clock = Date.now();
  const sim = createHospitalAppSimulator({ now: () => clock });
  let running: RunningSimulator;
  let provider: ReturnType<typeof createHospitalAppProvider>;
  const logger = capturingLogger();
  const { lines } = logger;

  beforeAll(async () => {
    running = await sim.listen();
    provider = createHospitalAppProvider({ mode: 'sim' }, running.baseUrl, { timeoutMs: 200, logger });
  });
  afterAll(async () => {
    await running.close();
  });
  beforeEach(() => {
    clock = Date.now();
    sim.faults.clear();
  });

  let nonceSeq = 0;
  function signedBody(ticket: string, overrides: Partial<Record<'appKey' | 'nonce' | 'sign', string> & { timestamp: number }> = {}, secret = HOSPITAL_APP_SIM_APP_SECRET) {
    const unsigned = {
      appKey: overrides.appKey ?? HOSPITAL_APP_SIM_APP_KEY,
      ticket,
      timestamp: overrides.timestamp ?? Math.floor(Date.now() / 1000),
      nonce: overrides.nonce ?? `testnonce${String(++nonceSeq).padStart(8, '0')}`,
    };
    return { ...unsigned, sign: overrides.sign ?? ticketSign(secret, unsigned) };
  }
  async function post(body: unknown): Promise<{ code: number; message?: string; data?: { userId: string } }> {
    const res = await fetch(`${running.baseUrl}${TICKET_EXCHANGE_PATH}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(res.status).toBe(200);
    return (await res.json()) as { code: number; message?: string; data?: { userId: string } };
  }

  it('turns a valid ticket into a stable user id', async () => {
    const a1 = await provider.exchange(sim.issueCode('alice'));
    const a2 = await provider.exchange(sim.issueCode('alice'));
    const b = await provider.exchange(sim.issueCode('bob'));
    expect(provider.platform).toBe('h5');
    expect(a1).toEqual({ subject: sim.userIdOf('alice') });
    expect(a2).toEqual(a1);
    expect(b.subject).not.toBe(a1.subject);
  });

  it('used, unknown and expired tickets → LOGIN_FAILED', async () => {
    const t = sim.issueCode('alice');
    await provider.exchange(t);
    expect(await codeOf(provider.exchange(t))).toBe('LOGIN_FAILED');
    expect(await codeOf(provider.exchange('TKnot-a-real-ticket'))).toBe('LOGIN_FAILED');
    const late = sim.issueCode('alice');
    clock += 5 * 60_000 + 1;
    // Sign with the simulator's clock, as a real deployment's synced clocks would; otherwise the
    // request timestamp itself would fall outside the ±5 min window.
    const synced = createHospitalAppProvider({ mode: 'sim' }, running.baseUrl, { now: () => clock });
    expect(await codeOf(synced.exchange(late))).toBe('LOGIN_FAILED');
  });

  it('tickets outside the spec charset fail without a call', async () => {
    expect(await codeOf(provider.exchange('a&b'))).toBe('LOGIN_FAILED');
  });

  it('the simulator rejects a forged signature without burning the ticket', async () => {
    const ticket = sim.issueCode('alice');
    expect((await post(signedBody(ticket, {}, 'not-the-secret'))).code).toBe(HOSPITAL_APP_CODES.BAD_SIGN);
    expect((await post(signedBody(ticket, { sign: 'f'.repeat(64) }))).code).toBe(HOSPITAL_APP_CODES.BAD_SIGN);
    // Signed for one ticket, replayed with another.
    const other = signedBody(sim.issueCode('bob'));
    expect((await post({ ...other, ticket })).code).toBe(HOSPITAL_APP_CODES.BAD_SIGN);
    const ok = await post(signedBody(ticket));
    expect(ok).toMatchObject({ code: 0, data: { userId: sim.userIdOf('alice') } });
  });

  it('the simulator enforces the ±5 min window, nonce reuse, appKey and body shape', async () => {
    const nowS = Math.floor(Date.now() / 1000);
    expect((await post(signedBody(sim.issueCode('a'), { timestamp: nowS - 301 }))).code).toBe(HOSPITAL_APP_CODES.BAD_TIMESTAMP);
    expect((await post(signedBody(sim.issueCode('a'), { timestamp: nowS + 301 }))).code).toBe(HOSPITAL_APP_CODES.BAD_TIMESTAMP);
    expect((await post(signedBody(sim.issueCode('a'), { timestamp: nowS - 240 }))).code).toBe(0);
    const nonce = 'samenonce0000000';
    expect((await post(signedBody(sim.issueCode('a'), { nonce }))).code).toBe(0);
    expect((await post(signedBody(sim.issueCode('a'), { nonce }))).code).toBe(HOSPITAL_APP_CODES.NONCE_REUSED);
    expect((await post(signedBody(sim.issueCode('a'), { appKey: 'someone-else' }))).code).toBe(HOSPITAL_APP_CODES.UNKNOWN_APP);
    expect((await post({ ticket: 'x' })).code).toBe(HOSPITAL_APP_CODES.BAD_REQUEST);
  });

  it('wrong secret or a skewed clock → UPSTREAM_UNAVAILABLE (configuration, not the user)', async () => {
    const wrong = hospitalAppProvider({ baseUrl: running.baseUrl, appKey: HOSPITAL_APP_SIM_APP_KEY, appSecret: 'wrong-secret-123' });
    expect(await codeOf(wrong.exchange(sim.issueCode('alice')))).toBe('UPSTREAM_UNAVAILABLE');
    const skewed = createHospitalAppProvider({ mode: 'sim' }, running.baseUrl, { now: () => Date.now() - 600_000 });
    expect(await codeOf(skewed.exchange(sim.issueCode('alice')))).toBe('UPSTREAM_UNAVAILABLE');
  });

  it.each(['error', 'malformed', 'http500', 'hang'] as const)('fault %s → UPSTREAM_UNAVAILABLE', async (kind) => {
    sim.faults.next(kind);
    const started = Date.now();
    expect(await codeOf(provider.exchange(sim.issueCode('alice')))).toBe('UPSTREAM_UNAVAILABLE');
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('remote mode uses the configured key and secret', async () => {
    const p = createHospitalAppProvider({
      mode: 'remote',
      baseUrl: running.baseUrl,
      appKey: HOSPITAL_APP_SIM_APP_KEY,
      appSecret: HOSPITAL_APP_SIM_APP_SECRET,
    });
    await expect(p.exchange(sim.issueCode('dave'))).resolves.toEqual({ subject: sim.userIdOf('dave') });
  });

  it('sim mode without a URL is a startup error', () => {
    expect(() => createHospitalAppProvider({ mode: 'sim' })).toThrow(/simulator/);
  });

  it('logs carry no user id, ticket or secret', async () => {
    const ticket = sim.issueCode('erin');
    const id = await provider.exchange(ticket);
    const all = lines.join('\n');
    expect(all).toContain('"outcome":"ok"');
    expect(all).not.toContain(id.subject);
    expect(all).not.toContain(ticket);
    expect(all).not.toContain(HOSPITAL_APP_SIM_APP_SECRET);
  });
});
