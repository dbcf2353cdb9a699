import { DIALECTS, freshStore } from '../../../test/support/stores';
import { accountsRepo } from './accounts.repo';
import type { Store } from './db';
import { migrate } from './db';
import { createFieldCrypto } from './field-crypto';
import { inboundRepo } from './inbound.repo';
import { patientsRepo } from './patients.repo';
import { sessionsRepo } from './sessions.repo';

const crypto = createFieldCrypto(Buffer.alloc(32, 1).toString('base64'));
const now = new Date('2026-11-21T08:00:00.000Z');

describe.each(DIALECTS)('storage on %s', (dialect) => {
  let store: Store;
  beforeAll(async () => {
    store = await freshStore(dialect, 'store');
  });
  afterAll(async () => {
    await store.close();
  });

  it('runs migrations again without harm', async () => {
    await expect(migrate(store.db)).resolves.toBeUndefined();
  });

  it('gives one account per platform subject, even on concurrent first logins', async () => {
    const accounts = accountsRepo(store.db);
    const results = await Promise.all(Array.from({ length: 8 }, () => accounts.upsertBySubject('weapp', 'openid-race', now)));
    expect(new Set(results.map((a) => a.id)).size).toBe(1);
    const other = await accounts.upsertBySubject('alipay', 'openid-race', now);
    expect(other.id).not.toBe(results[0]!.id);
  });

  it('stores only a hash of session tokens, and honours expiry and revocation', async () => {
    const account = await accountsRepo(store.db).upsertBySubject('weapp', 'sess-user', now);
    const sessions = sessionsRepo(store.db);
    const { token } = await sessions.create(account.id, now, 60_000);
    const rows = await store.db.selectFrom('sessions').selectAll().where('account_id', '=', account.id).execute();
    expect(rows.map((r) => r.token_hash)).not.toContain(token);
    expect(await sessions.resolve(token, now)).toEqual({ accountId: account.id });
    expect(await sessions.resolve(token, new Date(now.getTime() + 60_001))).toBe('expired');
    await sessions.revoke(token, now);
    expect(await sessions.resolve(token, now)).toBe('missing');
    expect(await sessions.resolve('not-a-token', now)).toBe('missing');
  });

  it('keeps ID numbers and phones encrypted at rest and finds them by hash', async () => {
    const account = await accountsRepo(store.db).upsertBySubject('weapp', 'pat-user', now);
    const patients = patientsRepo(store.db, crypto);
    const p = await patients.insert(
      { accountId: account.id, realName: '张三', relation: 'self', idNumber: '11010519491231002X', phone: '13812345678', patientCard: '000123', cardKind: 'virtual', hisNo: null },
      now,
    );
    const raw = await store.db.selectFrom('patients').selectAll().where('id', '=', p.id).executeTakeFirstOrThrow();
    expect(JSON.stringify(raw)).not.toContain('11010519491231002X');
    expect(JSON.stringify(raw)).not.toContain('13812345678');
    expect(raw.patient_card).toBe('000123');
    const found = await patients.findByAccountAndIdNumber(account.id, '11010519491231002X');
    expect(found).toMatchObject({ id: p.id, idNumber: '11010519491231002X', phone: '13812345678' });
    // Compared by message: errors from the native driver may come from another realm than jest's Error.
    const dup = await patients.insert({ accountId: account.id, realName: '张三', relation: 'self', idNumber: '11010519491231002X', phone: '13812345678', patientCard: '9', cardKind: 'virtual', hisNo: null }, now).then(() => 'inserted', (e: Error) => e.message);
    expect(dup).toMatch(/UNIQUE|unique/);
    expect(await patients.countByAccount(account.id)).toBe(1);
  });

  it('moves bindings from a replaced card and recognises a repeated message', async () => {
    const account = await accountsRepo(store.db).upsertBySubject('weapp', 'replace-user', now);
    const patients = patientsRepo(store.db, crypto);
    await patients.insert({ accountId: account.id, realName: '李四', relation: 'self', idNumber: '110105194912310021'.slice(0, 17) + 'X', phone: '13912345678', patientCard: 'xn001', cardKind: 'virtual', hisNo: null }, now);
    expect(await patients.replaceCard('11010519491231002X', 'xn001', 'st002', now)).toBe(1);
    expect(await patients.replaceCard('11010519491231002X', 'xn001', 'st002', now)).toBe(0);
    const [p] = await patients.listByAccount(account.id);
    expect(p).toMatchObject({ patientCard: 'st002', cardKind: 'physical' });
    const inbound = inboundRepo(store.db);
    expect(await inbound.claim('his', 'ReplacePatientCard', 'k1', 'ok', now)).toBe(true);
    expect(await inbound.claim('his', 'ReplacePatientCard', 'k1', 'ok', now)).toBe(false);
  });

  it('rolls back everything a failed transaction wrote', async () => {
    const account = await accountsRepo(store.db).upsertBySubject('weapp', 'tx-user', now);
    const patients = patientsRepo(store.db, crypto);
    await expect(
      store.db.transaction().execute(async (tx) => {
        await patients.insert({ accountId: account.id, realName: '王五', relation: 'self', idNumber: '11010519491231002X', phone: '13812345678', patientCard: '1', cardKind: 'virtual', hisNo: null }, now, tx);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await patients.countByAccount(account.id)).toBe(0);
  });
});
