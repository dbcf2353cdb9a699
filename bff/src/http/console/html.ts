/**
 * The console's only way to make HTML: a tagged template that escapes every interpolated value
 * unless it is already SafeHtml (made by this same template). Attribute values are always
 * quoted in our templates, and both quote kinds are escaped, so a value cannot leave its attribute.
 */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '`': '&#96;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"'`]/g, (c) => ENTITIES[c]!);
}

function render(value: unknown): string {
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  if (value === null || value === undefined || value === false) return '';
  return escapeHtml(String(value));
}

export function html(strings: TemplateStringsArray, ...values: unknown[]): SafeHtml {
  let out = strings[0]!;
  for (let i = 0; i < values.length; i++) out += render(values[i]) + strings[i + 1]!;
  return new SafeHtml(out);
}

/** A link target inside the console: a path of ours, never a scheme (javascript:, data:) or another host. */
export function consoleHref(path: string, query: Record<string, string | undefined> = {}): string {
  if (!/^\/admin(\/|$)/.test(path) || path.startsWith('//') || /[\\\s]/.test(path)) throw new Error(`not a console path: ${path}`);
  const q = new URLSearchParams(Object.entries(query).filter((e): e is [string, string] => e[1] !== undefined && e[1] !== '')).toString();
  return q ? `${path}?${q}` : path;
}
