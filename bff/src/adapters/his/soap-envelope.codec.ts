import { child, childCi, decodeXml, escapeXml, isXmlObject, XmlDecodeError, type XmlObject } from './xml-codec';

/**
 * SOAP 1.1 document/literal wrapped, as JAX-WS / CXF services publish it: the body element is the
 * method in the service namespace, its single unqualified child carries the XML document as text.
 * Shared by the transport (client side) and the simulator (server side).
 */

const SOAP_ENV = 'http://schemas.xmlsoap.org/soap/envelope/';

function envelope(body: string, ns: string): string {
  return (
    '<?xml version="1.0" encoding="UTF-8"?>' +
    `<soapenv:Envelope xmlns:soapenv="${SOAP_ENV}" xmlns:ws="${escapeXml(ns)}">` +
    `<soapenv:Header/><soapenv:Body>${body}</soapenv:Body></soapenv:Envelope>`
  );
}

export function encodeSoapRequest(method: string, param: string, ns: string, document: string): string {
  return envelope(`<ws:${method}><${param}>${escapeXml(document)}</${param}></ws:${method}>`, ns);
}

export function encodeSoapResponse(method: string, ns: string, document: string): string {
  return envelope(`<ws:${method}Response><return>${escapeXml(document)}</return></ws:${method}Response>`, ns);
}

export function encodeSoapFault(code: 'soap:Client' | 'soap:Server', message: string): string {
  const body = `<soapenv:Fault><faultcode>${code.replace('soap:', 'soapenv:')}</faultcode><faultstring>${escapeXml(message)}</faultstring></soapenv:Fault>`;
  return envelope(body, 'urn:fault');
}

export type SoapBody =
  | { kind: 'call'; element: string; part: string; text: string }
  | { kind: 'fault'; code: string; message: string };

/** Reads an envelope down to its body: either a fault, or the first body element and its one string child. */
export function decodeSoapEnvelope(xml: string, maxBytes: number): SoapBody {
  const { root, value } = decodeXml(xml, { maxBytes, stripNamespaces: true });
  if (root !== 'Envelope' || !isXmlObject(value)) throw new XmlDecodeError('malformed', 'not a SOAP envelope');
  const body = child(value, 'Body');
  if (!isXmlObject(body)) throw new XmlDecodeError('malformed', 'SOAP envelope without a Body');
  const fault = child(body, 'Fault');
  if (fault !== undefined) {
    const f: XmlObject = isXmlObject(fault) ? fault : {};
    const code = childCi(f, 'faultcode');
    const message = childCi(f, 'faultstring');
    return { kind: 'fault', code: typeof code === 'string' ? code : '', message: typeof message === 'string' ? message : '' };
  }
  const names = Object.keys(body);
  if (names.length !== 1) throw new XmlDecodeError('malformed', 'SOAP Body must hold exactly one element');
  const element = names[0]!;
  const wrapper = body[element];
  // The one string part; its element name varies by vendor (`return`, `xml`, `out`…).
  const parts = isXmlObject(wrapper) ? Object.entries(wrapper) : [];
  const only = parts.length === 1 ? parts[0] : undefined;
  if (only && typeof only[1] === 'string') return { kind: 'call', element, part: only[0], text: only[1] };
  if (wrapper === '') return { kind: 'call', element, part: '', text: '' };
  throw new XmlDecodeError('malformed', `SOAP ${element} must hold one string`);
}
