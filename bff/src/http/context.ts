import type { Context, DefaultState } from 'koa';
import type { Logger } from '../logger';

export interface AppState extends DefaultState {
  requestId: string;
  log: Logger;
  accountId?: string;
  sessionToken?: string;
  /** Raw request body (Buffer), read once with a size limit. */
  rawBody?: Buffer;
  body?: unknown;
}

export type AppContext = Context & { state: AppState };
