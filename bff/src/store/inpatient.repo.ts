import type { Kysely } from 'kysely';
import type { Database } from './schema';

/** Stays we were told have ended (discharge notices), and the stay a prepay order pays into. */
export function inpatientRepo(db: Kysely<Database>) {
  return {
    async markLeft(serialNumber: string, reason: string, at: Date): Promise<boolean> {
      const r = await db.insertInto('inpatient_stays').values({ serial_number: serialNumber, left_at: at.toISOString(), reason })
        .onConflict((oc) => oc.column('serial_number').doNothing()).executeTakeFirst();
      return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
    },
    async leftAt(serialNumber: string): Promise<string | null> {
      const r = await db.selectFrom('inpatient_stays').select('left_at').where('serial_number', '=', serialNumber).executeTakeFirst();
      return r?.left_at ?? null;
    },
    async setOrderStay(tradeNo: string, serialNumber: string, tx: Kysely<Database> = db): Promise<void> {
      await tx.updateTable('orders').set({ inpatient_no: serialNumber }).where('trade_no', '=', tradeNo).execute();
    },
    async prepayTradeNos(serialNumber: string): Promise<string[]> {
      const rows = await db.selectFrom('orders').select('trade_no').where('inpatient_no', '=', serialNumber).where('kind', '=', 'prepaySrc').orderBy('created_at', 'desc').limit(100).execute();
      return rows.map((r) => r.trade_no);
    },
  };
}
