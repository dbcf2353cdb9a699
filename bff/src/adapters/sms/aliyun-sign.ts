import { createHmac } from 'node:crypto';

/**
 * Alibaba Cloud RPC-style request signing (SignatureVersion 1.0, HMAC-SHA1), as dysmsapi uses it:
 *   StringToSign = METHOD + "&" + enc("/") + "&" + enc(sorted "enc(k)=enc(v)" joined by "&")
 *   Signature    = base64(HMAC-SHA1(AccessKeySecret + "&", StringToSign))
 * enc() is RFC 3986: everything but A–Z a–z 0–9 - _ . ~ is %XX (UTF-8, upper-case hex).
 */
export function percentEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

export function canonicalQuery(params: Record<string, string>): string {
  return Object.keys(params)
    .filter((k) => k !== 'Signature')
    .sort()
    .map((k) => `${percentEncode(k)}=${percentEncode(params[k]!)}`)
    .join('&');
}

export function rpcSignature(method: 'GET' | 'POST', params: Record<string, string>, accessKeySecret: string): string {
  const stringToSign = `${method}&${percentEncode('/')}&${percentEncode(canonicalQuery(params))}`;
  return createHmac('sha1', `${accessKeySecret}&`).update(stringToSign, 'utf8').digest('base64');
}
