import { z } from 'zod';
import type { FeeItem, UnpaidPrescription, UnpaidVisit } from '../../domain/outpatient/ports';
import { decimalFen, decimalNumber, fenAmount, hisInstant, productFen, readDecimal, unsignedDecimalText } from './his-fee.map';
import { flatFields, optional, required } from './his-reply.map';
import { replyRows, zodIssues, type RowRead } from './his-rows.map';
import { childCi, type XmlObject } from './xml-codec';

/**
 * 8.2 findOutpatientPay rows → prescriptions, grouped by visit. A prescription with an unreadable
 * item is unreadable as a whole (left out and logged by the caller's row policy): its lines must
 * add up to what the patient is asked to pay, so none may go missing silently.
 */

const trimmedOrNull = (v: string | null) => (v === null || v.trim() === '' ? null : v.trim());

const PrescriptionRow = z.object({
  clinicNo: optional,
  // Listed as required, but the document's own second sample row has none.
  hisRegisterId: optional,
  prescriptionNo: required.refine((v) => v.trim() !== '' && !v.includes(','), 'not a single prescription number'),
  orderFee: fenAmount(false),
  createDate: hisInstant,
  feeType: required,
  departmentName: optional,
  departmentCode: optional,
  doctorName: optional,
  doctorCode: optional,
  diagnosisCode: optional,
  diagnosisName: optional,
});

// Checks only, no transforms: this runs once per line (600 in a big bill), and zod pipes cost
// about 4× a plain check. The values are read in readItems.
const optionalText = z.string().nullish();
const ItemRow = z.object({
  feeName: required,
  feeType: optionalText,
  price: unsignedDecimalText,
  count: unsignedDecimalText,
  // "药品时必须输": required for medicines only, and which fee types are medicines is HIS's business.
  usage: optionalText,
  dosage: optionalText,
});

function readItems(feeDetail: ReturnType<typeof childCi>, fallbackType: string): RowRead<FeeItem[]> {
  if (feeDetail === undefined || feeDetail === '') return { ok: true, value: [] };
  const holders = Array.isArray(feeDetail) ? feeDetail : [feeDetail];
  const items: FeeItem[] = [];
  for (const holder of holders) {
    if (typeof holder !== 'object' || Array.isArray(holder)) return { ok: false, issue: 'feeDetail: not a list of <data>' };
    for (const raw of replyRows('findOutpatientPay', holder)) {
      if (typeof raw !== 'object') return { ok: false, issue: `feeDetail ${items.length}: not an element list` };
      const r = ItemRow.safeParse(flatFields(raw));
      if (!r.success) return { ok: false, issue: `feeDetail ${items.length}: ${zodIssues(r.error)}` };
      const i = r.data;
      const price = readDecimal(i.price, false);
      const count = readDecimal(i.count, false);
      items.push({
        name: i.feeName.trim(),
        feeType: trimmedOrNull(i.feeType ?? null) ?? fallbackType,
        unitPriceFen: decimalFen(price),
        unitPrice: price.text,
        count: decimalNumber(count),
        amountFen: productFen(price, count),
        usage: trimmedOrNull(i.usage ?? null),
        dosage: trimmedOrNull(i.dosage ?? null),
      });
    }
  }
  return { ok: true, value: items };
}

export function readPrescription(row: XmlObject): RowRead<UnpaidPrescription> {
  const r = PrescriptionRow.safeParse(flatFields(row));
  if (!r.success) return { ok: false, issue: zodIssues(r.error) };
  const p = r.data;
  const items = readItems(childCi(row, 'feeDetail'), p.feeType.trim());
  if (!items.ok) return items;
  return {
    ok: true,
    value: {
      prescriptionNo: p.prescriptionNo.trim(),
      clinicNo: trimmedOrNull(p.clinicNo),
      hisRegisterId: trimmedOrNull(p.hisRegisterId),
      amountFen: p.orderFee,
      feeType: p.feeType.trim(),
      createdAt: p.createDate,
      departmentCode: trimmedOrNull(p.departmentCode),
      departmentName: trimmedOrNull(p.departmentName),
      doctorCode: trimmedOrNull(p.doctorCode),
      doctorName: trimmedOrNull(p.doctorName),
      diagnosisCode: trimmedOrNull(p.diagnosisCode),
      diagnosisName: trimmedOrNull(p.diagnosisName),
      items: items.value,
    },
  };
}

/**
 * One visit per HIS registration id or clinic number: prescriptions sharing either belong together
 * (the document's sample gives the id on one row and only the clinic number on the next). A
 * prescription with neither is a visit of its own.
 */
export function groupByVisit(prescriptions: UnpaidPrescription[]): UnpaidVisit[] {
  const visits: UnpaidVisit[] = [];
  const byKey = new Map<string, UnpaidVisit>();
  for (const p of prescriptions) {
    const keys = [p.hisRegisterId && `r:${p.hisRegisterId}`, p.clinicNo && `c:${p.clinicNo}`].filter((k): k is string => !!k);
    const found = [...new Set(keys.map((k) => byKey.get(k)).filter((v): v is UnpaidVisit => v !== undefined))];
    let visit = found[0];
    if (!visit) {
      visit = { clinicNo: null, hisRegisterId: null, totalFen: 0, prescriptions: [] };
      visits.push(visit);
    }
    // A row linking two visits seen apart merges them into the first.
    for (const other of found.slice(1)) {
      visit.prescriptions.push(...other.prescriptions);
      visit.totalFen += other.totalFen;
      visit.clinicNo ??= other.clinicNo;
      visit.hisRegisterId ??= other.hisRegisterId;
      visits.splice(visits.indexOf(other), 1);
      for (const [k, v] of byKey) if (v === other) byKey.set(k, visit);
    }
    visit.prescriptions.push(p);
    visit.totalFen += p.amountFen;
    visit.clinicNo ??= p.clinicNo;
    visit.hisRegisterId ??= p.hisRegisterId;
    for (const k of keys) byKey.set(k, visit);
  }
  return visits;
}
