import type { Middleware } from 'koa';
import { AppError, ERROR_CODES, type ErrorBody, type ErrorCode } from '@hosp/shared';
import { ZodError } from 'zod';
import type { AppState } from '../context';

const GENERIC: Partial<Record<ErrorCode, string>> = {
  INTERNAL: '系统繁忙，请稍后再试',
  SIGNATURE_INVALID: '签名校验失败',
};

const HTTP_CODES: Record<number, ErrorCode> = {
  400: 'VALIDATION_FAILED', 401: 'UNAUTHENTICATED', 403: 'FORBIDDEN', 404: 'NOT_FOUND', 405: 'NOT_FOUND', 413: 'BODY_TOO_LARGE', 415: 'UNSUPPORTED_MEDIA_TYPE', 429: 'RATE_LIMITED',
};

function clientHttpError(raw: unknown): raw is Error & { status: number } {
  const status = (raw as { status?: unknown } | null)?.status;
  return raw instanceof Error && typeof status === 'number' && status >= 400 && status < 500;
}

function fieldsOf(err: ZodError): { path: string; message: string }[] {
  return err.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
}

/** The one place errors become HTTP: code → status, and only patient-safe text leaves. */
export function errorMiddleware(): Middleware<AppState> {
  return async (ctx, next) => {
    try {
      await next();
      if (ctx.status === 404 && ctx.body === undefined) throw new AppError('NOT_FOUND', '请求的内容不存在');
    } catch (raw) {
      let err: AppError;
      let fields: { path: string; message: string }[] | undefined;
      if (raw instanceof AppError) err = raw;
      else if (raw instanceof ZodError) {
        err = new AppError('VALIDATION_FAILED', '提交的信息有误');
        fields = fieldsOf(raw);
      } else if (clientHttpError(raw)) {
        // Koa and its middleware (static files: traversal, undecodable paths) throw http-errors.
        err = new AppError(HTTP_CODES[raw.status] ?? 'VALIDATION_FAILED', undefined, { cause: raw.message });
      } else {
        err = new AppError('INTERNAL', undefined, { cause: raw instanceof Error ? raw.message : String(raw) });
      }
      const level = err.status >= 500 ? 'error' : 'warn';
      ctx.state.log?.[level]({ code: err.code, detail: err.detail, err: raw instanceof AppError ? undefined : raw }, 'request failed');
      const meta = ERROR_CODES[err.code];
      const body: ErrorBody = {
        error: {
          code: err.code,
          message: meta.expose && err.message !== err.code ? err.message : (GENERIC[err.code] ?? '请求失败'),
          requestId: ctx.state.requestId ?? '',
          ...(fields ? { fields } : {}),
          ...(err.ref ? { ref: err.ref } : {}),
        },
      };
      ctx.status = meta.status;
      ctx.body = body;
    }
  };
}
