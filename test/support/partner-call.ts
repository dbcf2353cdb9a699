import { createHash } from 'node:crypto';

export const REFUND_DETAIL_PATH = '/openapi/func/orders/altman/refundDetail';

/** Section 17 written out for the tests (not the BFF's signer): sorted non-empty fields but sign, &key=, MD5, upper case. */
export function partnerTestSign(fields: Record<string, string>, secret: string): string {
  const base = Object.keys(fields).filter((k) => k !== 'sign' && fields[k] !== '').sort().map((k) => `${k}=${fields[k]}`).join('&');
  return createHash('md5').update(`${base}&key=${secret}`, 'utf8').digest('hex').toUpperCase();
}

export interface PartnerCredentials {
  accessToken: string;
  secret: string;
}

export interface CallOptions {
  employeeId?: string;
  timestamp?: string;
  /** Change the fields after signing (a tampered or broken request). */
  after?: (fields: Record<string, string>) => void;
  data?: string;
  contentType?: string;
}

/** The document's request, form-encoded and signed as a partner would send it. */
export async function callRefundDetail(baseUrl: string, who: PartnerCredentials, refundOrderId: string, opts: CallOptions = {}): Promise<{ status: number; body: any }> {
  const fields: Record<string, string> = {
    timestamp: opts.timestamp ?? String(Date.now()),
    access_token: who.accessToken,
    employee_id: opts.employeeId ?? '59b74c1323445f2d54dd07922',
    employee_type: '0',
    data: opts.data ?? JSON.stringify({ refund_order_id: refundOrderId }),
  };
  fields.sign = partnerTestSign(fields, who.secret);
  opts.after?.(fields);
  const res = await fetch(`${baseUrl}${REFUND_DETAIL_PATH}`, {
    method: 'POST',
    headers: { 'content-type': opts.contentType ?? 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    /* keep text */
  }
  return { status: res.status, body };
}
