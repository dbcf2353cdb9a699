/**
 * What both Alipay simulators (login, template messages) copy from the open-API gateway: replies
 * signed beside their node, the 40001 / 40002 / 20000 error bodies, and parameters taken from the
 * query and the form, and the common request checks; each simulator then checks its own method.
 */
import type { KeyObject } from 'node:crypto';
import type Koa from 'koa';
import { readRawBody, type FaultKind } from '../shared/sim-kit';
import { alipaySignContent, parseAlipayTimestamp, rsa2Sign, rsa2Verify } from './alipay-sign';

/**
 * Faults of the Alipay simulators: the generic ones, plus two that spoil the reply's signature
 * while the reply itself is the normal one — 'bad-sign' (the sign is present but does not verify)
 * and 'no-sign' (no sign field).
 */
export type AlipayGatewayFaultKind = FaultKind | 'bad-sign' | 'no-sign';

/** Marks the current request's reply for a signature fault (read by the replier). */
export function setReplySignFault(ctx: Koa.Context, fault: AlipayGatewayFaultKind | undefined): void {
  if (fault === 'bad-sign' || fault === 'no-sign') ctx.state.alipaySignFault = fault;
}

export type GatewayError = { code: string; msg: string; sub_code: string; sub_msg: string };

/** The 'error' fault: the gateway is busy. */
export const GATEWAY_BUSY: GatewayError = {
  code: '20000',
  msg: 'Service Currently Unavailable',
  sub_code: 'isp.unknow-error',
  sub_msg: '系统繁忙',
};

export const missing = (what: string): GatewayError => ({
  code: '40001',
  msg: 'Missing Required Arguments',
  sub_code: `isv.missing-${what}`,
  sub_msg: `缺少${what}参数`,
});

export const invalid = (sub: string, subMsg: string): GatewayError => ({
  code: '40002',
  msg: 'Invalid Arguments',
  sub_code: `isv.${sub}`,
  sub_msg: subMsg,
});

export type GatewayReply = (ctx: Koa.Context, key: string, node: object) => void;

/**
 * Alipay signs the raw JSON text of the response node and puts it beside it: the body is built
 * from that very text, so the signed bytes are exactly the node as it appears in the reply.
 */
export function gatewayReplier(platformPrivateKey: KeyObject): GatewayReply {
  return (ctx, key, node) => {
    const nodeJson = JSON.stringify(node);
    const fault = ctx.state.alipaySignFault as AlipayGatewayFaultKind | undefined;
    let sign = rsa2Sign(nodeJson, platformPrivateKey);
    if (fault === 'bad-sign') sign = corrupt(sign);
    ctx.status = 200;
    ctx.type = 'text/html;charset=utf-8'; // what the real gateway sends
    ctx.body = fault === 'no-sign' ? `{"${key}":${nodeJson}}` : `{"${key}":${nodeJson},"sign":${JSON.stringify(sign)}}`;
  };
}

/** The same signature with one bit flipped: well-formed base64 of the right length that fails. */
function corrupt(signB64: string): string {
  const bytes = Buffer.from(signB64, 'base64');
  const i = bytes.length >> 1;
  bytes[i] = bytes[i]! ^ 0x01;
  return bytes.toString('base64');
}

/** Query then form parameters (the form wins); null, answered 413, when the body is over `limit`. */
export async function readGatewayParams(ctx: Koa.Context, limit: number): Promise<Record<string, string> | null> {
  const raw = await readRawBody(ctx, limit);
  if (raw === null) {
    ctx.status = 413;
    return null;
  }
  const params: Record<string, string> = {};
  for (const [k, v] of new URLSearchParams(ctx.querystring)) params[k] = v;
  for (const [k, v] of new URLSearchParams(raw)) params[k] = v;
  return params;
}

export interface GatewayExpectations {
  method: string;
  appId: string;
  appPublicKey: KeyObject;
  nowMs: number;
  windowMs: number;
}

/**
 * The gateway's common checks, in its order: method, app, sign type, charset, timestamp, version,
 * format, signature, then the timestamp window. null when the request may go on to the method.
 */
export function checkGatewayRequest(params: Record<string, string>, e: GatewayExpectations): { error: GatewayError; badSignature: boolean } | null {
  const fail = (error: GatewayError, badSignature = false) => ({ error, badSignature });
  if (!params.method) return fail(missing('method'));
  if (params.method !== e.method) return fail(invalid('invalid-method', '不存在的方法名'));
  if (!params.app_id) return fail(missing('app-id'));
  if (params.app_id !== e.appId) return fail(invalid('invalid-app-id', '无效的AppID参数'));
  if (!params.sign) return fail(missing('signature'));
  if (!params.sign_type) return fail(missing('signature-type'));
  if (params.sign_type !== 'RSA2') return fail(invalid('invalid-signature-type', '无效的签名类型'));
  if (params.charset && params.charset.toLowerCase() !== 'utf-8') return fail(invalid('invalid-charset', '字符集错误'));
  if (!params.timestamp) return fail(missing('timestamp'));
  if (!params.version) return fail(missing('version'));
  if (params.version !== '1.0') return fail(invalid('invalid-parameter', '参数无效'));
  if (params.format && params.format.toUpperCase() !== 'JSON') return fail(invalid('invalid-format', '无效的数据格式'));
  if (!rsa2Verify(alipaySignContent(params), params.sign, e.appPublicKey)) return fail(invalid('invalid-signature', '验签出错'), true);
  const ts = parseAlipayTimestamp(params.timestamp);
  if (!Number.isFinite(ts) || Math.abs(e.nowMs - ts) > e.windowMs) return fail(invalid('invalid-timestamp', '非法的时间戳参数'));
  return null;
}
