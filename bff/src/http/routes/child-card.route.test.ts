import { addWithCode, bindVia } from '../../../../test/support/binding';
import { idNumberCheckChar } from '@hosp/shared';
import { startTestBff, type TestBff } from '../../../../test/support/bff';

function idNumber(birth: string, seq: string): string {
  const first17 = `330106${birth.replaceAll('-', '')}${seq}`;
  return first17 + idNumberCheckChar(first17);
}

/** A new child's card: sex and birth date read from the ID number, and an adult guardian named. */
describe('creating a card for a child', () => {
  let bff: TestBff;
  let token: string;
  const year = new Date().getUTCFullYear();
  const child = { realName: '周小满', idNumber: idNumber(`${year - 8}-03-07`, '124'), phone: '13900001111', relation: 'child' };
  const mother = { realName: '周晴', idNumber: idNumber('1988-11-02', '062') };
  beforeAll(async () => {
    bff = await startTestBff({ name: 'child-card' });
    token = await bff.login('parent');
  });
  afterAll(async () => {
    await bff?.close();
  });
  // Through the SMS proof, as a patient does; the guardian travels with both steps.
  const create = ({ relation, guardian, ...person }: { realName: string; idNumber: string; phone: string; relation: string; guardian?: unknown }) =>
    addWithCode(bindVia(bff), token, person, relation, guardian === undefined ? {} : { guardian });
  const addCardCalls = () => bff.sims.his!.calls.filter((c) => c.method === 'addPatientCard').length;
  const stored = async () => bff.deps.store.db.selectFrom('patients').selectAll().execute();

  it('refuses a minor without a guardian, or with a minor or the child as guardian, before asking HIS', async () => {
    const before = addCardCalls();
    for (const guardian of [undefined, { realName: '周大', idNumber: idNumber(`${year - 15}-01-01`, '011') }, { realName: '周小满', idNumber: child.idNumber }]) {
      const r = await create({ ...child, guardian });
      expect(r.status).toBe(422);
      expect(r.body.error.code).toBe('GUARDIAN_REQUIRED');
    }
    expect((await create({ ...child, guardian: { realName: '', idNumber: 'x' } })).status).toBe(400);
    expect(addCardCalls()).toBe(before);
    expect(await stored()).toHaveLength(0);
  });

  it('creates the card with an adult guardian; the detail shows sex, birth date and age from the ID number, the guardian masked', async () => {
    const r = await create({ ...child, guardian: mother });
    expect(r.status).toBe(200);
    const d = await bff.request('GET', `/api/patients/${r.body.id}`, { token });
    expect(d.body.person).toEqual({ sex: 'female', birthDate: `${year - 8}-03-07`, age: expect.any(Number) });
    expect([7, 8]).toContain(d.body.person.age);
    expect(d.body.guardian).toEqual({ realName: '周晴', idNumberMasked: '330106********' + mother.idNumber.slice(-4) });
    expect(JSON.stringify(d.body)).not.toContain(mother.idNumber);
    // At rest the guardian's ID number is encrypted like the patient's.
    const row = (await stored()).find((p) => p.id === r.body.id)!;
    expect(row.guardian_name).toBe('周晴');
    expect(row.guardian_id_number_enc).toBeTruthy();
    expect(row.guardian_id_number_enc).not.toContain(mother.idNumber);
  });

  it('an adult needs no guardian and keeps none', async () => {
    const adult = { realName: '周晴', idNumber: mother.idNumber, phone: '13900002222', relation: 'self', guardian: { realName: '某人', idNumber: idNumber('1960-01-01', '033') } };
    const r = await create(adult);
    expect(r.status).toBe(200);
    const d = await bff.request('GET', `/api/patients/${r.body.id}`, { token });
    expect(d.body.guardian).toBeNull();
    expect(d.body.person).toMatchObject({ sex: 'female', birthDate: '1988-11-02' });
  });
});
