/** Helpers for the HIS adapter tests (not used by production code). */
import { AppError } from '@hosp/shared';
import type { BookingKind, BookingPatient, BookingTarget, PostPaymentInput } from '../../domain/booking/ports';
import type { Schedule } from '../../domain/catalogue/ports';
import { HisBookingAdapter } from './his-booking.adapter';
import { HisCatalogueAdapter } from './his-catalogue.adapter';
import { HisClient } from './his-client';
import { beijingDate } from '../../domain/time';
import { createHisTransport } from './his-transport';
import { createHisSimulator, type HisSimulator, type HisSimulatorOptions, type SimListening } from './sim/his-simulator';
import { seed } from './sim/seed';
import { simScheduleId } from './sim/seed-catalogue';
import { decodeXml, isXmlObject } from './xml-codec';

/** The AppError code `p` fails with, or 'resolved'; anything else thrown fails the test. */
export async function code(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    if (err instanceof AppError) return err.code;
    throw err;
  }
  return 'resolved';
}

/** The AppError `p` fails with; resolving or throwing anything else fails the test. */
export async function failure(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error('expected the call to fail');
}

export type SentCall = { method: string; fields: Record<string, unknown> };

/** The real client over a transport that answers `xml` and records what was sent. */
export function replyingClient(xml: string, sent: SentCall[] = [], signKey = 'k'): HisClient {
  const transport = {
    call: async (method: string, requestXml: string) => {
      const { value } = decodeXml(requestXml, { maxBytes: 65536 });
      sent.push({ method, fields: isXmlObject(value) ? { ...value } : {} });
      return xml;
    },
  };
  return new HisClient({ transport, signKey, maxReplyBytes: 65536 });
}

export interface ListeningSimulator {
  sim: HisSimulator;
  server: SimListening;
  client: HisClient;
}

/** A simulator hospital on 127.0.0.1 and a real client for it over `transport`; close `server` after. */
export async function listeningSimulator(
  transport: 'http' | 'soap',
  signKey: string,
  now: Date,
  timeoutMs = 2000,
  simOpts: Partial<HisSimulatorOptions> = {},
): Promise<ListeningSimulator> {
  const sim = createHisSimulator({ signKey, hospitalId: 'demoyyadmin', now: () => now, ...simOpts });
  const server = await sim.listen();
  return { sim, server, client: simClient(transport, server, signKey, timeoutMs) };
}

/** Another client for a listening simulator (e.g. one with a short timeout for the hang cases). */
export function simClient(transport: 'http' | 'soap', server: SimListening, signKey: string, timeoutMs: number): HisClient {
  return new HisClient({
    transport: createHisTransport({ transport, baseUrl: transport === 'soap' ? server.soapUrl : server.baseUrl, timeoutMs, maxReplyBytes: 512 * 1024 }),
    signKey,
    maxReplyBytes: 512 * 1024,
  });
}

// ---------------------------------------------------------------------------------------------
// Booking: the lock/cancel and posting tests run against one simulator set-up each.

export const BOOKING_SIGN_KEY = 'booking-test-sign-key';
/** Short, so the hang tests finish quickly; they check the call gives up within it. */
export const BOOKING_TIMEOUT_MS = 400;
// Monday 2024-10-14 09:00 in Beijing.
export const BOOKING_NOW = new Date('2024-10-14T01:00:00Z');
export const BOOKING_TODAY = beijingDate(BOOKING_NOW);
export const bookingDay = (n: number) => beijingDate(BOOKING_NOW, n);

export const zhang: BookingPatient = { realName: seed.outpatient.realName, idNumber: seed.outpatient.idCard, patientCard: seed.outpatient.patientCard };

function targetOf(s: Schedule): BookingTarget {
  return {
    scheduleId: s.scheduleId,
    sourceNo: null,
    sourceOrder: null,
    departmentCode: s.departmentCode,
    departmentName: null,
    doctorCode: s.doctorCode ?? '',
    doctorName: s.doctorName,
    clinicType: s.clinicType,
    clinicDate: s.date,
    clinicTime: s.period ?? '',
    clinicTimeQuantum: s.timeRange ?? '',
    feeFen: s.feeFen,
  };
}

/**
 * The simulator with booking and catalogue adapters over `transport`, plus the helpers the booking
 * tests share. Fields are set by `open()` (call it in beforeAll); the helpers are arrow functions,
 * so they can be destructured before that.
 */
export class BookingSimulator {
  sim!: HisSimulator;
  server!: SimListening;
  booking!: HisBookingAdapter;
  catalogue!: HisCatalogueAdapter;
  private schedules: Schedule[] = [];
  private names = new Map<string, string>();
  private tradeSeq = 0;

  constructor(private readonly transport: 'http' | 'soap') {}

  async open(): Promise<this> {
    let client: HisClient;
    // Set-up reads get the normal timeout (a cold simulator on a busy machine can miss 400 ms);
    // the booking calls under test give up after BOOKING_TIMEOUT_MS.
    ({ sim: this.sim, server: this.server, client } = await listeningSimulator(this.transport, BOOKING_SIGN_KEY, BOOKING_NOW));
    this.booking = new HisBookingAdapter(simClient(this.transport, this.server, BOOKING_SIGN_KEY, BOOKING_TIMEOUT_MS));
    this.catalogue = new HisCatalogueAdapter(client);
    this.schedules = await this.catalogue.schedules(BOOKING_TODAY, bookingDay(6));
    this.names = new Map([...(await this.catalogue.departments()), ...(await this.catalogue.doctors())].map((x) => [x.code, x.name]));
    return this;
  }

  // The transport in the tradeNo keeps the http and soap runs apart.
  private nextTradeNo = () => `EH${this.transport === 'soap' ? 2 : 1}${String(++this.tradeSeq).padStart(17, '0')}`;

  target = (date: string, period: '上午' | '下午', code: string): BookingTarget => {
    const s = this.schedules.find((x) => x.scheduleId === simScheduleId(date, period, code));
    if (!s) throw new Error(`no schedule ${date} ${period} ${code}`);
    // querySchedule carries codes only; the names come from findAllDepartments / findAllDoctors.
    return { ...targetOf(s), departmentName: this.names.get(s.departmentCode) ?? null, doctorName: s.doctorCode ? (this.names.get(s.doctorCode) ?? null) : null };
  };

  remaining = async (t: BookingTarget) => {
    const list = await this.catalogue.realtimeScheduleDetail(t.clinicDate, t.departmentCode, t.doctorCode || null);
    return list.find((s) => s.scheduleId === t.scheduleId)?.remaining;
  };

  /** Locks a slot and returns what postPayment needs. */
  locked = async (kind: BookingKind, t: BookingTarget, patient = zhang): Promise<PostPaymentInput> => {
    const r = await this.booking.lock(kind, patient, t);
    if (!r.ok) throw new Error(`lock refused: ${r.reason} ${r.message}`);
    return {
      kind,
      hisBookingId: r.hisBookingId,
      tradeNo: this.nextTradeNo(),
      patient,
      target: t,
      amountFen: r.amountFen ?? t.feeFen,
      payType: 'wechatMP',
      payedAt: new Date('2024-10-13T17:05:09Z'), customerId: null,
    };
  };
}
