/**
 * A browser-like client of the operator console for tests: keeps cookies, reads the CSRF token
 * from the last page, posts forms, does not follow redirects (the test reads them). `address`
 * is sent as X-Forwarded-For (the test BFF trusts one hop), so each test has its own rate-limit key.
 */
export class ConsoleClient {
  readonly cookies = new Map<string, string>();
  lastSetCookies: string[] = [];
  lastPage = '';

  constructor(
    private readonly base: string,
    private readonly address: string,
  ) {}

  private async send(method: string, path: string, form?: Record<string, string>): Promise<{ status: number; text: string; location: string | null; headers: Headers }> {
    const res = await fetch(`${this.base}${path}`, {
      method,
      redirect: 'manual',
      headers: {
        'x-forwarded-for': this.address,
        ...(this.cookies.size > 0 ? { cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ') } : {}),
        ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      body: form ? new URLSearchParams(form).toString() : undefined,
    });
    this.lastSetCookies = res.headers.getSetCookie();
    for (const c of this.lastSetCookies) {
      const [pair] = c.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq);
      const value = pair!.slice(eq + 1);
      if (value === '' || /Max-Age=0/i.test(c)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    const text = await res.text();
    if (res.headers.get('content-type')?.startsWith('text/html')) this.lastPage = text;
    return { status: res.status, text, location: res.headers.get('location'), headers: res.headers };
  }

  get(path: string) {
    return this.send('GET', path);
  }

  /** Posts a form; `_csrf` is the one on the last page unless given. */
  post(path: string, form: Record<string, string>) {
    return this.send('POST', path, { _csrf: this.csrf(), ...form });
  }

  csrf(): string {
    return /name="_csrf" value="([^"]*)"/.exec(this.lastPage)?.[1] ?? '';
  }

  async login(username: string, password: string) {
    await this.get('/admin/login');
    return this.post('/admin/login', { username, password, next: '/admin' });
  }
}
