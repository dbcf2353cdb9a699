import { hisBadReply, hisUnavailable } from '../../domain/his-errors';
import { postCapped } from './his-fetch';
import type { HisTransport } from './his-transport';

export interface HttpTransportOptions {
  baseUrl: string;
  timeoutMs: number;
  maxReplyBytes: number;
}

/** Method names become URL path segments and SOAP element names: letters, digits, underscore only. */
export function assertMethodName(method: string): void {
  if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(method)) throw new TypeError(`invalid HIS method name: ${method}`);
}

/** `POST {baseUrl}/{method}` with the request document as body; the reply body is the response document. */
export class HttpHisTransport implements HisTransport {
  constructor(private readonly opts: HttpTransportOptions) {}

  async call(method: string, requestXml: string): Promise<string> {
    assertMethodName(method);
    const reply = await postCapped(
      method,
      `${this.opts.baseUrl}/${method}`,
      { headers: { 'content-type': 'application/xml; charset=utf-8', accept: 'application/xml, text/xml' }, body: requestXml },
      this.opts,
    );
    if (reply.status >= 500) throw hisUnavailable(method, `http ${reply.status}`);
    // 3xx/4xx: HIS answered, but not with a document we can use (wrong path, refused request).
    if (reply.status < 200 || reply.status >= 300) throw hisBadReply(method, `http ${reply.status}`);
    return reply.text;
  }
}
