import { timingSafeEqual } from 'node:crypto';
import type { Deps } from '../../deps';
import type { Permission } from '../../domain/admin/roles';
import type { Operator } from '../../store/operators.repo';
import { recordAudit, type AuditAction } from '../../workflows/admin/audit-trail.workflow';
import type { AppContext } from '../context';
import type { SafeHtml } from './html';

/**
 * What a console page is: one small module with a path, a nav label, the permission to see it,
 * a GET that renders, and optionally a POST (its own permission; CSRF is checked before it runs).
 * The console route does sessions, CSRF, roles, errors and the layout; pages only read and render.
 */
export interface ConsolePage {
  path: string;
  title: string;
  /** Shown in the nav in this order; absent = reached by links only. */
  nav?: { label: string; order: number };
  permission: Permission;
  get(pc: PageContext): Promise<PageResult>;
  post?: { permission: Permission; handle(pc: PageContext): Promise<PageResult> };
}

export type PageResult =
  | { body: SafeHtml; title?: string; status?: number }
  | { redirect: string }
  /** A download (e.g. a CSV export); the page audits it itself. */
  | { file: { name: string; type: string; body: string | Buffer } };

export interface PageContext {
  deps: Deps;
  ctx: AppContext;
  operator: Operator;
  csrfToken: string;
  address: string;
  params: Record<string, string>;
  query: Record<string, string>;
  /** The posted form (POST only). */
  form: Record<string, string>;
  audit(action: AuditAction, target: string | null, note: string | null, outcome?: 'ok' | 'refused'): Promise<void>;
}

export const SESSION_COOKIE = 'hosp_op';
export const LOGIN_CSRF_COOKIE = 'hosp_op_login';

export function readCookie(ctx: AppContext, name: string): string | null {
  for (const part of (ctx.get('cookie') || '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim() || null;
  }
  return null;
}

/**
 * HttpOnly (no script reads it), SameSite=Strict (no other site's form or link carries it),
 * Path=/admin, Secure whenever the console is reached over https (always in production, which
 * sits behind TLS). No Max-Age: the server decides when a session ends.
 */
export function setCookie(ctx: AppContext, deps: Deps, name: string, value: string, opts: { clear?: boolean } = {}): void {
  const secure = ctx.secure || deps.config.mode === 'production';
  const parts = [`${name}=${opts.clear ? '' : value}`, 'Path=/admin', 'HttpOnly', 'SameSite=Strict', ...(secure ? ['Secure'] : []), ...(opts.clear ? ['Max-Age=0'] : [])];
  ctx.append('Set-Cookie', parts.join('; '));
}

/** The posted form: application/x-www-form-urlencoded only (what an HTML form sends). */
export function readForm(ctx: AppContext): Record<string, string> {
  if (!ctx.is('application/x-www-form-urlencoded')) return {};
  const out: Record<string, string> = {};
  for (const [k, v] of new URLSearchParams((ctx.state.rawBody ?? Buffer.alloc(0)).toString('utf8'))) if (!(k in out)) out[k] = v;
  return out;
}

export function sameToken(given: string | undefined | null, expected: string): boolean {
  const a = Buffer.from(given ?? '');
  const b = Buffer.from(expected);
  return a.length === b.length && a.length > 0 && timingSafeEqual(a, b);
}

export function auditor(deps: Deps, operator: Operator, address: string): PageContext['audit'] {
  return (action, target, note, outcome) => recordAudit(deps, operator, address, { action, target, note, outcome });
}
