import { createServer, type IncomingMessage, type ServerResponse, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHisTransport, type HisTransport } from './his-transport';
import { encodeSoapFault, encodeSoapResponse } from './soap-envelope.codec';
import { code } from './test-support';

type Handler = (req: IncomingMessage, res: ServerResponse, body: string) => void;

let server: Server;
let baseUrl = '';
let handler: Handler = (_req, res) => res.end();

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => handler(req, res, Buffer.concat(chunks).toString('utf8')));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  const closed = new Promise<void>((r) => server.close(() => r()));
  server.closeAllConnections();
  await closed;
});

const transport = (kind: 'http' | 'soap', url = baseUrl, maxReplyBytes = 4096): HisTransport =>
  createHisTransport({ transport: kind, baseUrl: url, timeoutMs: 500, maxReplyBytes, soap: { namespace: 'urn:his', param: 'inXml' } });

describe('http transport', () => {
  it('posts the document to {baseUrl}/{method} as application/xml and returns the body', async () => {
    let seen: { url?: string; ct?: string; body?: string } = {};
    handler = (req, res, body) => {
      seen = { url: req.url, ct: req.headers['content-type'], body };
      res.end('<response><result>success</result></response>');
    };
    await expect(transport('http', `${baseUrl}/his/`).call('queryPatientInfo', '<request/>')).resolves.toBe('<response><result>success</result></response>');
    expect(seen).toEqual({ url: '/his/queryPatientInfo', ct: 'application/xml; charset=utf-8', body: '<request/>' });
  });

  it('caps the reply size whether or not a length is declared', async () => {
    handler = (_req, res) => res.end('x'.repeat(5000));
    expect(await code(transport('http').call('m', '<request/>'))).toBe('HIS_BAD_REPLY');
    handler = (_req, res) => {
      res.write('x'.repeat(3000));
      res.end('x'.repeat(3000));
    };
    expect(await code(transport('http').call('m', '<request/>'))).toBe('HIS_BAD_REPLY');
  });

  it('maps HTTP status: 5xx unavailable, 4xx bad reply', async () => {
    handler = (_req, res) => res.writeHead(502).end();
    expect(await code(transport('http').call('m', '<request/>'))).toBe('HIS_UNAVAILABLE');
    handler = (_req, res) => res.writeHead(404).end('nope');
    expect(await code(transport('http').call('m', '<request/>'))).toBe('HIS_BAD_REPLY');
  });

  it('is unavailable when nobody listens, and when the body stalls past the deadline', async () => {
    expect(await code(transport('http', 'http://127.0.0.1:1').call('m', '<request/>'))).toBe('HIS_UNAVAILABLE');
    handler = (_req, res) => res.writeHead(200, { 'content-type': 'application/xml' }).write('<response>');
    expect(await code(transport('http').call('m', '<request/>'))).toBe('HIS_UNAVAILABLE');
  });

  it('decodes a reply in the charset it declares (GBK)', async () => {
    handler = (_req, res) => {
      res.setHeader('content-type', 'application/xml; charset=GBK');
      res.end(Buffer.from([0x3c, 0x72, 0x3e, 0xd5, 0xc5, 0xc8, 0xfd, 0x3c, 0x2f, 0x72, 0x3e])); // <r>张三</r>
    };
    await expect(transport('http').call('m', '<request/>')).resolves.toBe('<r>张三</r>');
  });

  it('refuses method names that would change the path', async () => {
    await expect(transport('http').call('../admin', '<request/>')).rejects.toThrow(TypeError);
  });
});

describe('soap transport', () => {
  it('wraps the document in the configured namespace and parameter, and unwraps {method}Response', async () => {
    let body = '';
    handler = (req, res, b) => {
      body = b;
      expect(req.headers.soapaction).toBe('""');
      res.setHeader('content-type', 'text/xml; charset=utf-8');
      res.end(encodeSoapResponse('queryPatientInfo', 'urn:his', '<response><result>success</result></response>'));
    };
    await expect(transport('soap').call('queryPatientInfo', '<request><a>&</a></request>')).resolves.toBe('<response><result>success</result></response>');
    expect(body).toContain('<ws:queryPatientInfo><inXml>&lt;request&gt;&lt;a&gt;&amp;&lt;/a&gt;&lt;/request&gt;</inXml></ws:queryPatientInfo>');
    expect(body).toContain('xmlns:ws="urn:his"');
  });

  it('turns a SOAP fault (HTTP 500) into HIS_UNAVAILABLE', async () => {
    handler = (_req, res) => res.writeHead(500, { 'content-type': 'text/xml' }).end(encodeSoapFault('soap:Server', 'NullPointerException'));
    expect(await code(transport('soap').call('m', '<request/>'))).toBe('HIS_UNAVAILABLE');
  });

  it('rejects a reply for another method or a broken envelope as HIS_BAD_REPLY', async () => {
    handler = (_req, res) => res.end(encodeSoapResponse('other', 'urn:his', '<response/>'));
    expect(await code(transport('soap').call('m', '<request/>'))).toBe('HIS_BAD_REPLY');
    handler = (_req, res) => res.end('<soap:Envelope><soap:Body>');
    expect(await code(transport('soap').call('m', '<request/>'))).toBe('HIS_BAD_REPLY');
    handler = (_req, res) => res.end('<!DOCTYPE x [<!ENTITY a "b">]><Envelope/>');
    expect(await code(transport('soap').call('m', '<request/>'))).toBe('HIS_BAD_REPLY');
  });
});
