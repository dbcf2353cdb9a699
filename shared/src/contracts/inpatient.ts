import { z } from 'zod';
import { Fen } from './common';
import { Platform as PayClient } from './auth';

const SignedFen = z.number().int();
const SerialNumber = z.string().trim().regex(/^[0-9A-Za-z_-]{1,32}$/, '住院号不正确');
const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 yyyy-MM-dd');

export const DepositView = z
  .object({ paidFen: Fen, usedFen: Fen, remainingFen: SignedFen, arrears: z.boolean(), thresholdFen: Fen })
  .meta({ id: 'DepositView' });
export type DepositView = z.infer<typeof DepositView>;

/** The stay home (住院首页) of one bound patient with a linked inpatient number. */
export const StayView = z
  .object({
    patientId: z.string(),
    patientName: z.string(),
    serialNumber: z.string(),
    inHospital: z.boolean(),
    /** Set when HIS or a discharge notice says the stay has ended: bills stay readable, no prepay. */
    leftOn: z.string().nullable(),
    admittedOn: z.string(),
    days: z.number().int().min(0),
    ward: z.string().nullable(),
    bed: z.string().nullable(),
    departmentName: z.string().nullable(),
    doctorName: z.string().nullable(),
    /** Null when HIS could not be asked just now (the page says so). */
    deposit: DepositView.nullable(),
    canPrepay: z.boolean(),
    /** The days a daily bill may be read for, newest first. */
    billDays: z.array(z.string()),
  })
  .meta({ id: 'StayView' });
export type StayView = z.infer<typeof StayView>;

export const DayBillQuery = z.object({ date: Day.optional() });
export const DayBillView = z
  .object({
    date: z.string(),
    lines: z.array(z.object({ feeType: z.string(), count: z.number(), unitPrice: z.string(), unitPriceFen: SignedFen.nullable(), amountFen: SignedFen })),
    totalFen: SignedFen,
  })
  .meta({ id: 'DayBillView' });
export type DayBillView = z.infer<typeof DayBillView>;

export const PrepayOptions = z
  .object({ presetAmountsFen: z.array(Fen), minAmountFen: Fen, maxAmountFen: Fen })
  .meta({ id: 'PrepayOptions' });
export type PrepayOptions = z.infer<typeof PrepayOptions>;

const Amount = z.number().int('金额需为整数分').positive('请输入缴费金额');

export const PrepayRequest = z
  .object({ requestId: z.string().regex(/^[0-9A-Za-z_-]{8,64}$/), patientId: z.string().min(1), amountFen: Amount, payClient: PayClient })
  .meta({ id: 'PrepayRequest' });
export type PrepayRequest = z.input<typeof PrepayRequest>;

/** A relative who holds only the inpatient number and the patient's name. */
export const FamilyLookupRequest = z
  .object({ serialNumber: SerialNumber, realName: z.string().trim().min(1, '请填写患者姓名').max(40) })
  .meta({ id: 'FamilyLookupRequest' });
export type FamilyLookupRequest = z.input<typeof FamilyLookupRequest>;

/** All a relative sees of the stay: never amounts or bills. */
export const FamilyStayView = z
  .object({ serialNumber: z.string(), maskedName: z.string(), departmentName: z.string().nullable(), ward: z.string().nullable() })
  .meta({ id: 'FamilyStayView' });
export type FamilyStayView = z.infer<typeof FamilyStayView>;

export const FamilyPrepayRequest = FamilyLookupRequest.extend({ requestId: z.string().regex(/^[0-9A-Za-z_-]{8,64}$/), amountFen: Amount, payClient: PayClient }).meta({ id: 'FamilyPrepayRequest' });
export type FamilyPrepayRequest = z.input<typeof FamilyPrepayRequest>;

/** Every prepay into the stay, whoever paid it (a relative's top-up included). */
export const StayPrepayList = z
  .object({ prepays: z.array(z.object({ tradeNo: z.string(), amountFen: Fen, paidAt: z.string().nullable(), byFamily: z.boolean(), state: z.string(), label: z.string() })) })
  .meta({ id: 'StayPrepayList' });
export type StayPrepayList = z.infer<typeof StayPrepayList>;
