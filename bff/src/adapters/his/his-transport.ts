import { HttpHisTransport } from './his-http.transport';
import { SoapHisTransport } from './his-soap.transport';

/** Moves one request document to HIS and brings back its response document, nothing more. */
export interface HisTransport {
  call(method: string, requestXml: string): Promise<string>;
}

export interface HisTransportOptions {
  transport: 'http' | 'soap';
  baseUrl: string;
  timeoutMs: number;
  maxReplyBytes: number;
  soap?: { namespace: string; param: string };
}

export const DEFAULT_SOAP = { namespace: 'http://webservice.ehospital.witontek.com/', param: 'xml' } as const;

export function createHisTransport(opts: HisTransportOptions): HisTransport {
  const base = { baseUrl: opts.baseUrl.replace(/\/+$/, ''), timeoutMs: opts.timeoutMs, maxReplyBytes: opts.maxReplyBytes };
  return opts.transport === 'soap' ? new SoapHisTransport({ ...base, soap: opts.soap ?? DEFAULT_SOAP }) : new HttpHisTransport(base);
}
