/**
 * Reading a push's `param` by the platform's field tables, shared by the inpatient and outpatient
 * maps: typed field access that refuses with the field's name, and the small helpers both use.
 */
import { signedYuanToFen, yuanToFen } from '@hosp/shared';
import { parseCompact as parseBeijingTime } from '../../domain/time';
import { PlatformPushError } from './payment-push.errors';
import type { PlatformPush, PushCommon, PushPatient, PushTransType, SettlementKind } from './payment-push.types';

export type Meta = Pick<PushCommon, 'transType' | 'nonce' | 'sentAt'>;

/** Turns one transType's verified `param` into the domain message. */
export type PushBuilder = (f: Fields, meta: Meta) => PlatformPush;

export type PushBuilders<T extends PushTransType> = Record<T, PushBuilder>;

/** Reads `param` by the table: `req` for 可空=N, `opt` for 可空=Y; both trim, '' counts as absent. */
export class Fields {
  constructor(private readonly p: Record<string, unknown>) {}

  opt(name: string, max = 256): string | null {
    const v = this.p[name];
    if (v === undefined || v === null) return null;
    if (typeof v !== 'string' && typeof v !== 'number') throw new PlatformPushError('invalid', name);
    const text = String(v).trim();
    if (text === '') return null;
    if (text.length > max) throw new PlatformPushError('invalid', name);
    return text;
  }

  req(name: string, max = 256): string {
    const v = this.opt(name, max);
    if (v === null) throw new PlatformPushError('invalid', name);
    return v;
  }

  /** Yuan (15, 15.0, 15.00) → fen; `signed` lets a balance be negative. */
  money(name: string, signed = false): number {
    return this.toFen(name, this.req(name, 20), signed);
  }

  optMoney(name: string, signed = false): number | null {
    const v = this.opt(name, 20);
    return v === null ? null : this.toFen(name, v, signed);
  }

  /** yyyy-MM-dd (also yyyyMMdd, yyyy/MM/dd, or with a time after it) → yyyy-MM-dd. */
  day(name: string): string {
    const text = this.req(name, 32);
    const m = /^(\d{4})[-/]?(\d{2})[-/]?(\d{2})(?:[ T]\d{2}:?\d{2}(?::?\d{2})?)?$/.exec(text);
    const day = m ? `${m[1]}-${m[2]}-${m[3]}` : '';
    const check = m ? new Date(`${day}T00:00:00Z`) : null;
    if (!check || Number.isNaN(check.getTime()) || check.toISOString().slice(0, 10) !== day) throw new PlatformPushError('invalid', name);
    return day;
  }

  /** yyyyMMddHHmmss Beijing (separators tolerated) → Date. */
  time(name: string): Date {
    const digits = this.req(name, 32).replace(/[-/ :T]/g, '');
    const at = parseBeijingTime(digits);
    if (!at) throw new PlatformPushError('invalid', name);
    return at;
  }

  private toFen(name: string, text: string, signed: boolean): number {
    try {
      return signed ? signedYuanToFen(text) : yuanToFen(text);
    } catch {
      throw new PlatformPushError('invalid', name);
    }
  }
}

/**
 * The patient fields every message carries, read in the table's order (so the first missing field
 * is the one named). Inpatient messages pass their inpatientNo; mmpay ones carry userNo instead.
 */
export function pushPatient(f: Fields, o: { inpatientNo: string | null; cardNoRequired: boolean; withUserNo: boolean }): PushPatient {
  return {
    name: f.req('userName', 64),
    idNumber: f.req('idNo', 32),
    cardNo: o.cardNoRequired ? f.req('cardNo', 32) : f.opt('cardNo', 32),
    inpatientNo: o.inpatientNo,
    phone: f.req('contactNumber', 32),
    patientNo: o.withUserNo ? f.req('userNo', 64) : null,
  };
}

export function settlementOf(code: string | null): SettlementKind | null {
  switch (code?.padStart(2, '0')) {
    case '00': return 'self-pay';
    case '01': return 'local-insurance';
    case '02': return 'other-region-insurance';
    default: return null;
  }
}

export const SETTLEMENT_LABEL: Record<SettlementKind, string> = {
  'self-pay': '自费',
  'local-insurance': '本地医保',
  'other-region-insurance': '异地医保',
};

export function beijingMinute(at: Date): string {
  return new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
}

export function key(...parts: (string | number | null)[]): string {
  return parts.map((p) => (p === null ? '' : String(p))).join('|');
}
