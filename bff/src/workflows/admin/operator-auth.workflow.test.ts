import { DEMO_OPERATOR, hashPasswordSync, parseConfig, verifyPassword, type Config } from '@hosp/config';
import { DIALECTS, freshStore } from '../../../../test/support/stores';
import type { Deps } from '../../deps';
import { createLogger } from '../../logger';
import type { Store } from '../../store/db';
import { operatorsRepo } from '../../store/operators.repo';
import { activeOperator, bootstrapOperators, operatorLogin } from './operator-auth.workflow';

const FIN_HASH = hashPasswordSync('fin-password-one-2026');

describe.each(DIALECTS)('operator bootstrap and login on %s', (dialect) => {
  let store: Store;
  beforeAll(async () => {
    store = await freshStore(dialect, 'operators');
  });
  afterAll(async () => {
    await store.close();
  });
  const deps = (mode: 'demo' | 'production', operators: Config['admin']['operators'] = []) => {
    const base = parseConfig({ log: { level: 'silent' } });
    return { config: { ...base, mode, admin: { ...base.admin, operators } }, store, log: createLogger('silent'), now: () => new Date() } as unknown as Deps;
  };

  it('the demo gets its demo operator once; configured operators are created, and brought back in line on a new hash', async () => {
    await bootstrapOperators(deps('demo', [{ username: 'fin', role: 'finance', passwordHash: FIN_HASH }]));
    await bootstrapOperators(deps('demo', [{ username: 'fin', role: 'finance', passwordHash: FIN_HASH }]));
    const repo = operatorsRepo(store.db);
    const demo = (await repo.byUsername(DEMO_OPERATOR.username))!;
    expect(demo.role).toBe('admin');
    expect(await verifyPassword(DEMO_OPERATOR.password, demo.passwordHash)).toBe(true);
    expect((await repo.list()).map((o) => o.username).sort()).toEqual(['demo', 'fin']);

    const login = await operatorLogin(deps('demo'), 'fin', 'fin-password-one-2026', '10.0.0.1');
    expect(login.ok).toBe(true);
    const newHash = hashPasswordSync('fin-password-two-2026');
    await bootstrapOperators(deps('demo', [{ username: 'fin', role: 'viewer', passwordHash: newHash }]));
    expect(await repo.byUsername('fin')).toMatchObject({ role: 'viewer', passwordHash: newHash });
    // The changed operator's open sessions end.
    expect(await activeOperator(deps('demo'), (login as { token: string }).token)).toBeNull();
    expect((await operatorLogin(deps('demo'), 'fin', 'fin-password-one-2026', '10.0.0.1')).ok).toBe(false);
  });

  it('production never creates the demo operator, and disables one left from a demo with its public password', async () => {
    const repo = operatorsRepo(store.db);
    expect((await operatorLogin(deps('production'), DEMO_OPERATOR.username, DEMO_OPERATOR.password, '10.0.0.2')).ok).toBe(true);
    await bootstrapOperators(deps('production'));
    expect((await repo.byUsername(DEMO_OPERATOR.username))!.disabled).toBe(true);
    expect((await operatorLogin(deps('production'), DEMO_OPERATOR.username, DEMO_OPERATOR.password, '10.0.0.2')).ok).toBe(false);

    const fresh = await freshStore(dialect, 'operators-prod');
    try {
      await bootstrapOperators({ ...deps('production'), store: fresh } as Deps);
      expect(await operatorsRepo(fresh.db).list()).toEqual([]);
    } finally {
      await fresh.close();
    }
  });
});
