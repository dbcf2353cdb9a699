import { parseConfig, type ConfigInput } from '@hosp/config';
import { startServer, type RunningServer } from '../../bff/src/server';
import { createLogger, type Logger } from '../../bff/src/logger';
import { freshDatabase, type DialectName } from './stores';
import { addWithCode, bindVia, RELAXED_BINDING, type Person } from './binding';

export interface TestBff extends RunningServer {
  /** JSON request against the BFF; returns status and parsed body. */
  request(method: string, path: string, opts?: { token?: string; body?: unknown; headers?: Record<string, string> }): Promise<{ status: number; body: any; headers: Headers }>;
  /** Demo login; returns the session token. */
  login(name: string): Promise<string>;
  /** Binds a card (or creates one, without patientCard) as a patient does: consent, SMS code, bind. */
  bind(token: string, person: Person, relation?: string): Promise<{ status: number; body: any }>;
}

/** A whole BFF on 127.0.0.1 with every outside system simulated, on a fresh database. */
export async function startTestBff(opts: { dialect?: DialectName; name?: string; config?: Partial<ConfigInput>; log?: Logger } = {}): Promise<TestBff> {
  const database = await freshDatabase(opts.dialect ?? 'sqlite', opts.name ?? 'bff');
  const config = parseConfig({
    mode: 'demo',
    // A test that ends with a request still waiting on a hung simulator should not wait the 20 s default.
    server: { host: '127.0.0.1', port: 0, publicDir: '', shutdownTimeoutMs: 3_000 },
    log: { level: 'silent' },
    ...RELAXED_BINDING,
    ...opts.config,
    database,
  });
  const server = await startServer(config, { log: opts.log ?? createLogger(process.env.TEST_LOG ?? 'silent') });
  const request: TestBff['request'] = async (method, path, { token, body, headers } = {}) => {
    const res = await fetch(`${server.url}${path}`, {
      method,
      headers: {
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      /* not JSON: keep text */
    }
    return { status: res.status, body: parsed, headers: res.headers };
  };
  return {
    ...server,
    request,
    bind: (token, person, relation) => addWithCode(bindVia({ request }), token, person, relation),
    async login(name) {
      const r = await request('POST', '/api/auth/login', { body: { platform: 'demo', code: name } });
      if (r.status !== 200) throw new Error(`login failed: ${r.status} ${JSON.stringify(r.body)}`);
      return r.body.token as string;
    },
  };
}
