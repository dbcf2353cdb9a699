import Router from '@koa/router';
import type Koa from 'koa';
import { decodeSoapEnvelope, encodeSoapFault, encodeSoapResponse } from '../his/soap-envelope.codec';
import { readRawBody } from './sim-kit';

/** What a simulated XML call answers: a document, a bare status, or a dropped connection. */
export interface XmlSimAnswer {
  status: number;
  document?: string;
  /** Destroy the connection instead of answering. */
  drop?: boolean;
}

export type XmlSimHandler = (method: string, transport: 'http' | 'soap', requestXml: string) => Promise<XmlSimAnswer>;

/**
 * Both HIS transports of DESIGN.md for a simulator (HIS core and the deposit dialect alike):
 * `POST /{method}` with the request document, and SOAP 1.1 at `POST /soap` with one string part.
 */
export function xmlSimRouter(answer: XmlSimHandler, soap: { namespace: string; param: string }, maxBody: number): Router {
  const readBody = async (ctx: Koa.Context): Promise<string> => {
    const raw = await readRawBody(ctx, maxBody);
    // One over the cap throws, so the request fails with a 500.
    if (raw === null) throw new Error('request too large');
    return raw;
  };
  const router = new Router();
  router.post('/soap', async (ctx) => {
    ctx.type = 'text/xml; charset=utf-8';
    let method: string;
    let document: string;
    try {
      const body = decodeSoapEnvelope(await readBody(ctx), maxBody);
      if (body.kind !== 'call' || body.part !== soap.param) throw new Error(`expected one <${soap.param}> part`);
      method = body.element;
      document = body.text;
    } catch {
      ctx.status = 500;
      ctx.body = encodeSoapFault('soap:Client', 'Unmarshalling Error');
      return;
    }
    const a = await answer(method, 'soap', document);
    if (a.drop) return dropConnection(ctx);
    if (a.document === undefined) {
      ctx.status = 500;
      ctx.body = encodeSoapFault('soap:Server', a.status === 404 ? `Cannot find dispatch method for ${method}` : 'Internal error');
      return;
    }
    ctx.status = a.status;
    ctx.body = encodeSoapResponse(method, soap.namespace, a.document);
  });
  router.post('/:method', async (ctx) => {
    const a = await answer(ctx.params.method ?? '', 'http', await readBody(ctx));
    if (a.drop) return dropConnection(ctx);
    ctx.status = a.status;
    if (a.document !== undefined) {
      ctx.type = 'application/xml; charset=utf-8';
      ctx.body = a.document;
    } else ctx.body = a.status === 404 ? 'Not Found' : 'Internal Server Error';
  });
  return router;
}

function dropConnection(ctx: Koa.Context): void {
  ctx.respond = false;
  ctx.req.socket.destroy();
}
