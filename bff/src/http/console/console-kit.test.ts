import type { Deps } from '../../deps';
import type { AppContext } from '../context';
import { readCookie, sameToken, setCookie } from './console-kit';

const fakeCtx = (secure: boolean, cookie = '') => {
  const set: string[] = [];
  return { ctx: { secure, get: (h: string) => (h === 'cookie' ? cookie : ''), append: (_: string, v: string) => set.push(v) } as unknown as AppContext, set };
};
const deps = (mode: 'demo' | 'production') => ({ config: { mode } }) as unknown as Deps;

describe('console cookies and tokens', () => {
  it('marks the session cookie Secure over https and always in production, HttpOnly and SameSite=Strict always', () => {
    for (const [secure, mode, expectSecure] of [[false, 'demo', false], [true, 'demo', true], [false, 'production', true]] as const) {
      const { ctx, set } = fakeCtx(secure);
      setCookie(ctx, deps(mode), 'hosp_op', 'tok');
      expect(set[0]).toMatch(/^hosp_op=tok; Path=\/admin; HttpOnly; SameSite=Strict/);
      expect(set[0]!.includes('Secure')).toBe(expectSecure);
    }
    const { ctx, set } = fakeCtx(false);
    setCookie(ctx, deps('demo'), 'hosp_op', 'tok', { clear: true });
    expect(set[0]).toMatch(/^hosp_op=; .*Max-Age=0/);
  });

  it('reads one cookie by exact name', () => {
    const { ctx } = fakeCtx(false, 'a=1; hosp_op_login=pre; hosp_op=tok');
    expect(readCookie(ctx, 'hosp_op')).toBe('tok');
    expect(readCookie(ctx, 'hosp_op_login')).toBe('pre');
    expect(readCookie(ctx, 'hosp')).toBeNull();
  });

  it('compares tokens exactly, and an empty token never matches', () => {
    expect(sameToken('abc', 'abc')).toBe(true);
    expect(sameToken('abd', 'abc')).toBe(false);
    expect(sameToken('ab', 'abc')).toBe(false);
    expect(sameToken('', '')).toBe(false);
    expect(sameToken(undefined, 'abc')).toBe(false);
  });
});
