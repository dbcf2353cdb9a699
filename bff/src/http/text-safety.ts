import { ZodError } from 'zod';

/**
 * Text that no field of ours may hold: C0 controls other than tab, line feed and carriage return,
 * DEL and the C1 controls, and lone UTF-16 surrogates (which no UTF-8 store or XML document can
 * carry). Refused at the edge with the field's name, instead of failing deep inside (500).
 */
const UNSAFE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** From patients also the replacement and non-characters: they only come from broken encodings. */
const UNSAFE_FROM_CLIENTS = new RegExp(`${UNSAFE.source}|[\\uFFFD\\uFFFE\\uFFFF]`);

export interface UnsafeField {
  path: string;
  message: string;
}

/** A printable version of a key that itself holds unsafe characters. */
function keyName(key: string, re: RegExp): string {
  return re.test(key) ? Array.from(key, (ch) => (re.test(ch) ? '?' : ch)).join('') : key;
}

/** Every string (and key) in `value` holding unsafe text, with its dotted path. */
export function unsafeTextFields(value: unknown, opts: { fromClient?: boolean; path?: string[] } = {}): UnsafeField[] {
  const re = opts.fromClient ? UNSAFE_FROM_CLIENTS : UNSAFE;
  const found: UnsafeField[] = [];
  const walk = (v: unknown, path: string[], depth: number) => {
    if (depth > 16 || found.length >= 20) return;
    if (typeof v === 'string') {
      if (re.test(v)) found.push({ path: path.join('.'), message: '含有不可见的控制字符或无效字符' });
    } else if (Array.isArray(v)) {
      v.forEach((item, i) => walk(item, [...path, String(i)], depth + 1));
    } else if (v && typeof v === 'object') {
      for (const [k, item] of Object.entries(v)) {
        const name = keyName(k, re);
        if (name !== k) found.push({ path: [...path, name].join('.'), message: '字段名含有无效字符' });
        else walk(item, [...path, k], depth + 1);
      }
    }
  };
  walk(value, opts.path ?? [], 0);
  return found;
}

/** The first unsafe field of a push, or null. */
export function findUnsafeText(value: unknown): UnsafeField | null {
  return unsafeTextFields(value)[0] ?? null;
}

/**
 * Throws a ZodError (answered 400 VALIDATION_FAILED with `fields`) when any text a client sent —
 * path parameters, query or body — holds unsafe characters. Runs before the contract's own schemas,
 * so the answer names exactly the offending fields.
 */
export function rejectUnsafeText(input: { params?: unknown; query?: unknown; body?: unknown }): void {
  const found = [
    ...unsafeTextFields(input.params, { fromClient: true }),
    ...unsafeTextFields(input.query, { fromClient: true }),
    ...unsafeTextFields(input.body, { fromClient: true }),
  ];
  if (found.length > 0) throw new ZodError(found.map((f) => ({ code: 'custom' as const, path: f.path === '' ? [] : f.path.split('.'), message: f.message, input: undefined })));
}
