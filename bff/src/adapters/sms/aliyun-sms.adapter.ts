/**
 * Alibaba Cloud SMS (短信服务, dysmsapi 2017-05-25) `SendSms`, RPC style:
 *
 *   POST {endpoint}/   Content-Type: application/x-www-form-urlencoded
 *   AccessKeyId, Action=SendSms, Format=JSON, RegionId, SignatureMethod=HMAC-SHA1,
 *   SignatureNonce (unique per call), SignatureVersion=1.0, Timestamp (UTC yyyy-MM-ddTHH:mm:ssZ),
 *   Version=2017-05-25, PhoneNumbers, SignName, TemplateCode, TemplateParam={"code":"123456"},
 *   Signature (see aliyun-sign.ts)
 *
 *   → 200 {"Code":"OK","Message":"OK","BizId":"…","RequestId":"…"}
 *   → 200 {"Code":"isv.BUSINESS_LIMIT_CONTROL",…}  the platform's per-phone flow control
 *          (verification codes: 1/min, 5/h, 10/day per phone and signature) → RATE_LIMITED
 *   → 200 {"Code":"isv.…"|"isp.…",…}                any other refusal → UPSTREAM_UNAVAILABLE
 *   → 4xx {"Code":"SignatureDoesNotMatch"|"InvalidAccessKeyId.NotFound"|…} → UPSTREAM_UNAVAILABLE
 *
 * Only the outcome, the platform's Code and the duration are logged: never the phone, the code,
 * the key or the signature.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { AppError } from '@hosp/shared';
import type { SmsSender } from '../../domain/binding/ports';
import { decodeUtf8Strict, isAbortError, readCappedBody } from '../shared/capped-body';
import type { LoggerLike } from '../shared/upstream-http';
import { rpcSignature } from './aliyun-sign';

export const ALIYUN_SMS_VERSION = '2017-05-25';
export const ALIYUN_RATE_LIMIT_CODES = new Set(['isv.BUSINESS_LIMIT_CONTROL', 'isv.DAY_LIMIT_CONTROL']);

const Reply = z.object({
  Code: z.string().min(1).max(128),
  Message: z.string().max(2048).optional(),
  BizId: z.string().max(128).optional(),
  RequestId: z.string().max(128).optional(),
});

export interface AliyunSmsOptions {
  endpoint: string;
  accessKeyId: string;
  accessKeySecret: string;
  signName: string;
  templateCode: string;
  regionId?: string;
  timeoutMs?: number;
  logger?: LoggerLike;
  now?: () => Date;
}

const unavailable = (reason: string, platformCode?: string) =>
  new AppError('UPSTREAM_UNAVAILABLE', '短信服务暂时不可用，请稍后再试', { system: 'sms', reason, platformCode });

/** "2025-01-02T03:04:05Z": the platform wants whole seconds in UTC. */
export function aliyunTimestamp(at: Date): string {
  return `${at.toISOString().slice(0, 19)}Z`;
}

export class AliyunSmsAdapter implements SmsSender {
  private readonly url: string;
  constructor(private readonly opts: AliyunSmsOptions) {
    this.url = `${opts.endpoint.replace(/\/+$/, '')}/`;
  }

  async sendCode(phone: string, code: string): Promise<void> {
    const started = performance.now();
    try {
      await this.send(phone, code);
      this.opts.logger?.info({ system: 'sms', outcome: 'ok', durationMs: Math.round(performance.now() - started) }, 'sms sent');
    } catch (err) {
      const d = err instanceof AppError ? (err.detail ?? {}) : {};
      const outcome = err instanceof AppError ? err.code : 'UPSTREAM_UNAVAILABLE';
      this.opts.logger?.warn({ system: 'sms', outcome, reason: d.reason ?? 'unexpected', platformCode: d.platformCode, durationMs: Math.round(performance.now() - started) }, 'sms sent');
      throw err instanceof AppError ? err : unavailable('unexpected');
    }
  }

  private async send(phone: string, code: string): Promise<void> {
    const o = this.opts;
    const params: Record<string, string> = {
      AccessKeyId: o.accessKeyId,
      Action: 'SendSms',
      Format: 'JSON',
      RegionId: o.regionId ?? 'cn-hangzhou',
      SignatureMethod: 'HMAC-SHA1',
      SignatureNonce: randomUUID(),
      SignatureVersion: '1.0',
      Timestamp: aliyunTimestamp(o.now?.() ?? new Date()),
      Version: ALIYUN_SMS_VERSION,
      PhoneNumbers: phone,
      SignName: o.signName,
      TemplateCode: o.templateCode,
      TemplateParam: JSON.stringify({ code }),
    };
    params.Signature = rpcSignature('POST', params, o.accessKeySecret);
    let res: Response;
    try {
      res = await fetch(this.url, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8', accept: 'application/json' },
        body: new URLSearchParams(params).toString(),
        signal: AbortSignal.timeout(o.timeoutMs ?? 8_000),
        redirect: 'error',
      });
    } catch (err) {
      throw unavailable(isAbortError(err) ? 'timeout' : 'network');
    }
    let text = '';
    try {
      const bytes = res.body ? await readCappedBody(res.body, 64 * 1024) : Buffer.alloc(0);
      if (bytes === null) throw unavailable('reply-too-large');
      text = decodeUtf8Strict(bytes);
    } catch (err) {
      if (err instanceof AppError) throw err;
      throw unavailable(isAbortError(err) ? 'timeout' : 'bad-reply');
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw unavailable(`http-${res.status}-not-json`);
    }
    const reply = Reply.safeParse(json);
    if (!reply.success) throw unavailable('bad-reply-shape');
    const platformCode = reply.data.Code;
    if (res.status === 200 && platformCode === 'OK') return;
    if (ALIYUN_RATE_LIMIT_CODES.has(platformCode)) {
      throw new AppError('RATE_LIMITED', '该手机号接收验证码过于频繁，请稍后再试', { system: 'sms', reason: 'platform-flow-control', platformCode });
    }
    throw unavailable(res.status === 200 ? 'refused' : `http-${res.status}`, platformCode);
  }
}
