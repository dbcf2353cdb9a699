import type { OrderDetail } from '@hosp/shared';
import type { Deps } from '../../deps';
import type { Order } from '../../domain/orders/order';
import { OutpatientDetailsSchema, whereNext } from '../../domain/outpatient/outpatient-details';

/**
 * What an outpatient fee order paid for and where to go next. HIS's getMedicalSuccess push
 * (medicine collected) is kept as a notice about the order; its arrival closes the loop here.
 */
export async function feeOrderView(deps: Deps, order: Order): Promise<{ fees: OrderDetail['fees']; medicine: { at: string; label: string }[] }> {
  if (order.kind !== 'hisSrc') return { fees: null, medicine: [] };
  const d = OutpatientDetailsSchema.parse(order.details);
  const r = order.receipt;
  const notices = await deps.store.db
    .selectFrom('notices').select(['created_at', 'dedupe_key'])
    .where('account_id', '=', order.accountId).where('dedupe_key', 'like', `medicine:${order.tradeNo}:%`)
    .orderBy('created_at').execute();
  const medicine = notices.map((n) => ({ at: n.created_at, label: n.dedupe_key.endsWith(':false') ? '药品已备好，待取药' : '已取药' }));
  const posted = order.state === 'posted';
  return {
    fees: {
      prescriptions: d.prescriptions.map((p) => ({ prescriptionNo: p.prescriptionNo, feeType: p.feeType, amountFen: p.amountFen })),
      departmentName: d.departmentName, doctorName: d.doctorName,
      inspectPlace: r?.inspectPlace ?? null, windowNo: r?.windowNo ?? null,
      whereNext: posted ? whereNext(r?.inspectPlace, r?.windowNo) : null,
      medicineCollected: medicine.some((m) => m.label === '已取药'),
    },
    medicine,
  };
}
