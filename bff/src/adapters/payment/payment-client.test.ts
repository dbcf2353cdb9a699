import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PaymentClient, PaymentTransportError } from './payment-client';
import { verifyEnvelope, withSign } from './payment-sign';

const SECRET = 'client-secret';

/** A bare server whose next answer each test sets, to exercise the client's edge handling. */
let handler: (req: IncomingMessage, res: ServerResponse, body: string) => void = () => undefined;
let server: Server;
let url: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => handler(req, res, Buffer.concat(chunks).toString('utf8')));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/oneapi`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
});

const client = (maxReplyBytes?: number) => new PaymentClient({ serverAddr: url, appId: 'a1', appSecret: SECRET, timeoutMs: 300, maxReplyBytes });

function answer(body: string | Buffer, status = 200): void {
  handler = (_req, res) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(body);
  };
}

async function failure(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(PaymentTransportError);
    return (err as PaymentTransportError).kind;
  }
  throw new Error('expected a failure');
}

describe('PaymentClient', () => {
  it('sends the signed envelope with a Beijing timestamp and a nonce', async () => {
    let seen: Record<string, unknown> = {};
    handler = (_req, res, body) => {
      seen = JSON.parse(body) as Record<string, unknown>;
      res.end(JSON.stringify({ respCode: '000000', respMsg: 'ok', param: { x: 1 } }));
    };
    const reply = await client().call('hop.trade.query', { outTradeNo: 'EH1' });
    expect(reply).toEqual({ respCode: '000000', respMsg: 'ok', param: { x: 1 } });
    expect(Object.keys(seen).sort()).toEqual(['appId', 'nonce', 'param', 'sign', 'timestamp', 'transType']);
    expect(seen.timestamp).toMatch(/^\d{14}$/);
    expect(verifyEnvelope(seen, SECRET)).toBe(true);
  });

  it('accepts signed replies, unsigned replies, numeric codes and param as JSON text', async () => {
    answer(JSON.stringify(withSign({ respCode: '000000', respMsg: '成功', param: { a: '1' }, extraTop: 'x' }, SECRET)));
    expect((await client().call('t', {})).param).toEqual({ a: '1' });
    answer(JSON.stringify({ respCode: 0, param: '{"b":2}' }));
    expect(await client().call('t', {})).toEqual({ respCode: '000000', respMsg: '', param: { b: 2 } });
    answer(JSON.stringify({ respCode: '999999', respMsg: null, param: null }));
    expect(await client().call('t', {})).toEqual({ respCode: '999999', respMsg: '', param: {} });
  });

  it('turns every bad reply into a typed transport failure', async () => {
    answer(JSON.stringify({ ...withSign({ respCode: '000000', param: { a: '1' } }, SECRET), respCode: '034002' }));
    expect(await failure(client().call('t', {}))).toBe('bad-sign');
    answer('{"respCode":"000000",');
    expect(await failure(client().call('t', {}))).toBe('malformed');
    answer('[1,2]');
    expect(await failure(client().call('t', {}))).toBe('malformed');
    answer(JSON.stringify({ respMsg: 'no code' }));
    expect(await failure(client().call('t', {}))).toBe('malformed');
    answer(JSON.stringify({ respCode: '000000', param: [1] }));
    expect(await failure(client().call('t', {}))).toBe('malformed');
    answer(Buffer.from([0x7b, 0xff, 0xfe, 0x7d]));
    expect(await failure(client().call('t', {}))).toBe('malformed');
    answer(JSON.stringify({ respCode: '000000', param: { pad: 'x'.repeat(2000) } }));
    expect(await failure(client(1000).call('t', {}))).toBe('too-large');
    answer('busy', 502);
    expect(await failure(client().call('t', {}))).toBe('http-status');
    handler = () => undefined; // never answers
    expect(await failure(client().call('t', {}))).toBe('timeout');
  });

  it('reports a refused connection as a network failure', async () => {
    const dead = new PaymentClient({ serverAddr: 'http://127.0.0.1:9/', appId: 'a', appSecret: 's', timeoutMs: 300 });
    expect(await failure(dead.call('t', {}))).toBe('network');
  });
});
