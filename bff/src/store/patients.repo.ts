import type { Relation } from '@hosp/shared';
import type { PatientBinding } from '../domain/patients/patient';
import type { Db } from './db';
import type { FieldCrypto } from './field-crypto';
import { newId } from './ids';
import type { PatientTable } from './schema';

export type NewPatient = Omit<PatientBinding, 'id' | 'createdAt' | 'inpatientNo'>;

export function patientsRepo(db: Db, crypto: FieldCrypto) {
  const toBinding = (row: PatientTable): PatientBinding => ({
    id: row.id,
    accountId: row.account_id,
    realName: row.real_name,
    relation: row.relation as Relation,
    idNumber: crypto.decrypt(row.id_number_enc),
    phone: crypto.decrypt(row.phone_enc),
    patientCard: row.patient_card,
    cardKind: row.card_kind === 'physical' ? 'physical' : 'virtual',
    hisNo: row.his_no,
    inpatientNo: row.inpatient_no,
    guardian: row.guardian_name && row.guardian_id_number_enc ? { realName: row.guardian_name, idNumber: crypto.decrypt(row.guardian_id_number_enc) } : null,
    createdAt: row.created_at,
  });

  return {
    toBinding,
    async listByAccount(accountId: string, tx: Db = db): Promise<PatientBinding[]> {
      const rows = await tx.selectFrom('patients').selectAll().where('account_id', '=', accountId).orderBy('created_at').orderBy('id').execute();
      return rows.map(toBinding);
    },
    /** Only ever by (account, id): a patient of another account is simply not found. */
    async getOwned(accountId: string, id: string): Promise<PatientBinding | undefined> {
      const row = await db.selectFrom('patients').selectAll().where('account_id', '=', accountId).where('id', '=', id).executeTakeFirst();
      return row && toBinding(row);
    },
    async countByAccount(accountId: string, tx: Db = db): Promise<number> {
      const r = await tx.selectFrom('patients').select((eb) => eb.fn.countAll<string | number>().as('n')).where('account_id', '=', accountId).executeTakeFirstOrThrow();
      return Number(r.n);
    },
    async findByAccountAndIdNumber(accountId: string, idNumber: string, tx: Db = db): Promise<PatientBinding | undefined> {
      const row = await tx.selectFrom('patients').selectAll().where('account_id', '=', accountId).where('id_number_hash', '=', crypto.hash(idNumber)).executeTakeFirst();
      return row && toBinding(row);
    },
    async insert(p: NewPatient, now: Date, tx: Db = db): Promise<PatientBinding> {
      const row: PatientTable = {
        id: newId(now.getTime()),
        account_id: p.accountId,
        real_name: p.realName,
        relation: p.relation,
        id_number_enc: crypto.encrypt(p.idNumber),
        id_number_hash: crypto.hash(p.idNumber),
        phone_enc: crypto.encrypt(p.phone),
        patient_card: p.patientCard,
        card_kind: p.cardKind,
        his_no: p.hisNo,
        inpatient_no: null,
        guardian_name: p.guardian?.realName ?? null,
        guardian_id_number_enc: p.guardian ? crypto.encrypt(p.guardian.idNumber) : null,
        created_at: now.toISOString(),
        updated_at: now.toISOString(),
      };
      await tx.insertInto('patients').values(row).execute();
      return toBinding(row);
    },
    /** HIS's own patient id, learnt after binding (the platform needs it for every charge). */
    async setHisNo(id: string, hisNo: string, now: Date): Promise<void> {
      await db.updateTable('patients').set({ his_no: hisNo, updated_at: now.toISOString() }).where('id', '=', id).execute();
    },
    async setInpatientNo(accountId: string, id: string, serialNumber: string, now: Date): Promise<void> {
      await db.updateTable('patients').set({ inpatient_no: serialNumber, updated_at: now.toISOString() }).where('account_id', '=', accountId).where('id', '=', id).execute();
    },
    async removeOwned(accountId: string, id: string): Promise<boolean> {
      const r = await db.deleteFrom('patients').where('account_id', '=', accountId).where('id', '=', id).executeTakeFirst();
      return Number(r.numDeletedRows) > 0;
    },
    /** Card replacement: every binding of this person on the old card moves to the new one. */
    async replaceCard(idNumber: string, oldCard: string, newCard: string, now: Date, tx: Db = db): Promise<number> {
      const r = await tx
        .updateTable('patients')
        .set({ patient_card: newCard, card_kind: 'physical', updated_at: now.toISOString() })
        .where('patient_card', '=', oldCard)
        .where('id_number_hash', '=', crypto.hash(idNumber))
        .executeTakeFirst();
      return Number(r.numUpdatedRows);
    },
    /** Every binding (in any account) of a card, or of an ID number when no card is given. */
    async findForNotice(card: string | null, idNumber: string | null, tx: Db = db): Promise<PatientBinding[]> {
      if (!card && !idNumber) return [];
      let q = tx.selectFrom('patients').selectAll();
      if (card) q = q.where('patient_card', '=', card);
      else q = q.where('id_number_hash', '=', crypto.hash(idNumber!));
      return (await q.execute()).map(toBinding);
    },
    async countByCard(card: string, idNumber: string, tx: Db = db): Promise<number> {
      const r = await tx.selectFrom('patients').select((eb) => eb.fn.countAll<string | number>().as('n')).where('patient_card', '=', card).where('id_number_hash', '=', crypto.hash(idNumber)).executeTakeFirstOrThrow();
      return Number(r.n);
    },
  };
}
export type PatientsRepo = ReturnType<typeof patientsRepo>;
