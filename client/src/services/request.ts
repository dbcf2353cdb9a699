import Taro from '@tarojs/taro';
import type { z } from 'zod';
import { api, ErrorBody, isErrorCode, type Api, type EndpointName, type RequestBody, type RequestQuery, type ResponseBody } from '@hosp/shared';
import { ApiError } from './api-error';
import { goLogin } from './routes';
import { clearSession, getToken, sessionNeedsRefresh, setSession } from './session';

type ParamsOf<N extends EndpointName> = Api[N] extends { params: z.ZodType } ? z.input<Api[N]['params']> : undefined;

type CallArgs<N extends EndpointName> = (ParamsOf<N> extends undefined ? { params?: undefined } : { params: ParamsOf<N> }) &
  (RequestBody<N> extends undefined ? { body?: undefined } : { body: RequestBody<N> }) &
  (RequestQuery<N> extends undefined ? { query?: undefined } : { query: RequestQuery<N> });

/** Options are required exactly when the endpoint has params, a query or a body. */
type CallRest<N extends EndpointName> = object extends CallArgs<N> ? [args?: CallArgs<N>] : [args: CallArgs<N>];

const METHOD = { get: 'GET', post: 'POST', put: 'PUT', delete: 'DELETE' } as const;

function buildPath(path: string, params: Record<string, string> | undefined): string {
  return path.replace(/:([A-Za-z_]+)/g, (_, key: string) => {
    const value = params?.[key];
    if (value === undefined) throw new ApiError('BAD_RESPONSE', `missing path param ${key}`, 0);
    return encodeURIComponent(value);
  });
}

/** `?a=1&b=2` from the defined values (the BFF checks them against the contract's query schema). */
function buildQuery(query: Record<string, unknown> | undefined): string {
  if (!query) return '';
  const pairs = Object.entries(query)
    .filter(([, value]) => value !== undefined && value !== null && value !== '')
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`);
  return pairs.length ? `?${pairs.join('&')}` : '';
}

function toApiError(status: number, data: unknown): ApiError {
  const parsed = ErrorBody.safeParse(data);
  if (!parsed.success) return new ApiError(status >= 500 ? 'INTERNAL' : 'BAD_RESPONSE', `HTTP ${status}`, status);
  const { code, message, requestId, fields } = parsed.data.error;
  return new ApiError(isErrorCode(code) ? code : 'INTERNAL', message, status, requestId, fields ?? [], parsed.data.error.ref);
}

let refreshing: Promise<void> | null = null;

/**
 * Past half its life the token is traded for a new one, once for all calls waiting. A refresh that
 * fails for the network is tried again on the next call; one refused (401) ends the session there.
 */
function refreshSession(): Promise<void> {
  refreshing ??= call('refreshSession')
    .then((res) => setSession(res.token, res.me, res.expiresInSeconds))
    .catch(() => undefined)
    .finally(() => {
      refreshing = null;
    });
  return refreshing;
}

/** The one way the client talks to the BFF: typed by the shared contract, answers validated by it. */
export async function call<N extends EndpointName>(name: N, ...rest: CallRest<N>): Promise<ResponseBody<N>> {
  const endpoint = api[name];
  const args = rest[0] as { params?: Record<string, string>; body?: unknown; query?: Record<string, unknown> } | undefined;
  if (endpoint.auth && name !== 'refreshSession' && sessionNeedsRefresh()) await refreshSession();
  const token = getToken();
  if (endpoint.auth && !token) {
    goLogin();
    throw new ApiError('UNAUTHENTICATED', 'no session', 401);
  }
  const header: Record<string, string> = { 'Content-Type': 'application/json' };
  if (endpoint.auth && token) header.Authorization = `Bearer ${token}`;

  let res: { statusCode: number; data: unknown };
  try {
    res = await Taro.request({
      url: `${API_BASE}/api${buildPath(endpoint.path, args?.params)}${buildQuery(args?.query)}`,
      method: METHOD[endpoint.method],
      header,
      data: args?.body as Record<string, unknown> | undefined,
      dataType: 'json',
      timeout: 20_000,
    });
  } catch (e) {
    throw new ApiError('NETWORK_ERROR', e instanceof Error ? e.message : 'network error', 0);
  }

  if (res.statusCode >= 200 && res.statusCode < 300) {
    const parsed = (endpoint.response as z.ZodType).safeParse(res.data);
    if (!parsed.success) throw new ApiError('BAD_RESPONSE', 'response does not match the contract', res.statusCode);
    return parsed.data as ResponseBody<N>;
  }
  const error = toApiError(res.statusCode, res.data);
  if (res.statusCode === 401 && endpoint.auth) {
    clearSession();
    goLogin();
  }
  throw error;
}
