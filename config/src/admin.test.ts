import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { AdminConfigSchema, DEMO_OPERATOR, hashPassword, hashPasswordSync, operatorCredentialProblem, parsePasswordHash, verifyPassword, verifyPasswordSync } from './admin';

const SCRIPT = join(__dirname, '..', '..', 'bff', 'scripts', 'add-operator.mjs');

describe('operator passwords', () => {
  it('hashes with a fresh salt and verifies only the same password', async () => {
    const a = await hashPassword('correct horse battery');
    const b = hashPasswordSync('correct horse battery');
    expect(a).not.toBe(b);
    expect(a).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect(await verifyPassword('correct horse battery', a)).toBe(true);
    expect(verifyPasswordSync('correct horse battery', b)).toBe(true);
    expect(await verifyPassword('correct horse batterY', a)).toBe(false);
    expect(await verifyPassword('anything', 'not-a-hash')).toBe(false);
  });

  it('refuses a hash cheaper than ours (a weak hash is as good as none)', () => {
    const cheap = hashPasswordSync('x-password-12').replace('scrypt$16384$', 'scrypt$1024$');
    expect(parsePasswordHash(cheap)).toBeNull();
    expect(operatorCredentialProblem(cheap)).toMatch(/cost is too low/);
  });

  it('names a credential whose password is published here (the demo operator\'s)', () => {
    expect(operatorCredentialProblem(hashPasswordSync(DEMO_OPERATOR.password))).toMatch(/published/);
    expect(operatorCredentialProblem(hashPasswordSync('a-private-password-9'))).toBeNull();
  });

  it('bff/scripts/add-operator.mjs prints an entry the configuration accepts and that verifies the password', () => {
    const out = execFileSync(process.execPath, [SCRIPT, 'fin1', 'finance', '财务一'], { input: 'a-long-password-123\n', encoding: 'utf8' });
    expect(out).not.toContain('a-long-password-123');
    const entry = JSON.parse(out) as { passwordHash: string };
    const admin = AdminConfigSchema.parse({ operators: [entry] });
    expect(admin.operators[0]).toMatchObject({ username: 'fin1', role: 'finance', displayName: '财务一' });
    expect(verifyPasswordSync('a-long-password-123', entry.passwordHash)).toBe(true);
    expect(operatorCredentialProblem(entry.passwordHash)).toBeNull();
    expect(() => execFileSync(process.execPath, [SCRIPT, 'fin1', 'boss'], { input: 'a-long-password-123', stdio: 'pipe' })).toThrow();
    expect(() => execFileSync(process.execPath, [SCRIPT, 'fin1', 'viewer'], { input: 'short', stdio: 'pipe' })).toThrow();
  });
});
