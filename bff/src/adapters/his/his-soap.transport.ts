import { hisBadReply, hisUnavailable } from '../../domain/his-errors';
import { postCapped } from './his-fetch';
import { assertMethodName } from './his-http.transport';
import type { HisTransport } from './his-transport';
import { decodeSoapEnvelope, encodeSoapRequest, type SoapBody } from './soap-envelope.codec';
import { XmlDecodeError } from './xml-codec';

export interface SoapTransportOptions {
  baseUrl: string;
  timeoutMs: number;
  maxReplyBytes: number;
  soap: { namespace: string; param: string };
}

/** SOAP 1.1 `POST {baseUrl}`: the request document travels as the text of one string parameter. */
export class SoapHisTransport implements HisTransport {
  constructor(private readonly opts: SoapTransportOptions) {}

  async call(method: string, requestXml: string): Promise<string> {
    assertMethodName(method);
    const { namespace, param } = this.opts.soap;
    const reply = await postCapped(
      method,
      this.opts.baseUrl,
      {
        // SOAP 1.1 requires the header; JAX-WS services accept the empty action.
        headers: { 'content-type': 'text/xml; charset=utf-8', soapaction: '""', accept: 'text/xml' },
        body: encodeSoapRequest(method, param, namespace, requestXml),
      },
      this.opts,
    );
    // SOAP 1.1 sends faults with HTTP 500, so read the body before judging by status.
    let body: SoapBody | undefined;
    try {
      body = decodeSoapEnvelope(reply.text, this.opts.maxReplyBytes);
    } catch (err) {
      if (!(err instanceof XmlDecodeError)) throw err;
      if (reply.status >= 500) throw hisUnavailable(method, `http ${reply.status}`);
      throw hisBadReply(method, `soap envelope: ${err.reason}`);
    }
    if (body.kind === 'fault') {
      // A fault is HIS failing to process the call; its text is for logs, never for patients.
      throw hisUnavailable(method, `soap fault ${body.code}: ${body.message.slice(0, 200)}`);
    }
    if (reply.status >= 500) throw hisUnavailable(method, `http ${reply.status}`);
    if (reply.status < 200 || reply.status >= 300) throw hisBadReply(method, `http ${reply.status}`);
    if (body.element.toLowerCase() !== `${method}Response`.toLowerCase()) {
      throw hisBadReply(method, `soap reply element ${body.element}`);
    }
    return body.text;
  }
}
