import { connect } from 'node:net';
import { join } from 'node:path';
import { BffProcess } from '../support/bff-process';
import { scratchDir } from '../support/scratch';
import { startSimHost, type SimHost } from '../support/sim-host';

/** Whether a new TCP connection to the port is accepted. */
function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

describe('SIGTERM with requests in flight', () => {
  let host: SimHost;
  let bff: BffProcess;
  beforeAll(async () => {
    host = await startSimHost();
    const dir = scratchDir('shutdown-');
    bff = await BffProcess.create(dir, { ...host.env, HIS_TIMEOUT_MS: '8000', SHUTDOWN_TIMEOUT_MS: '10000' }, { database: { sqlitePath: join(dir, 'bff.db') } });
    await bff.start();
  });
  afterAll(async () => {
    await bff.kill();
    await host.close();
  });

  it('stops accepting, answers every request in flight, then exits 0', async () => {
    const login = await fetch(`${bff.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ platform: 'demo', code: 'shutdown' }) });
    const { token } = (await login.json()) as { token: string };
    // HIS takes 1.5 s for each of the next calls: four patient reads are in flight when SIGTERM comes.
    host.his.faults.inject('*', { kind: 'delay', delayMs: 1500, times: 10 });
    const inFlight = ['departments', 'departments', 'doctors?departmentCode=NK01', 'schedules?departmentCode=NK01'].map((q) =>
      fetch(`${bff.url}/api/catalogue/${q}`, { headers: { authorization: `Bearer ${token}` } }).then(async (r) => ({ status: r.status, body: await r.text() })),
    );
    await new Promise((r) => setTimeout(r, 400));
    const exited = bff.stop('SIGTERM');
    await new Promise((r) => setTimeout(r, 200));
    expect(await accepts(bff.port)).toBe(false);
    const answers = await Promise.all(inFlight);
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200]);
    expect(await exited).toBe(0);
  });
});
