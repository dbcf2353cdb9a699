/** What the patients journey needs from HIS, in domain words. Amounts are fen. */

export interface NewCard {
  realName: string;
  idNumber: string;
  phone: string;
}

export interface CardCheck extends NewCard {
  patientCard: string;
}

/**
 * HIS's answer to a card check. A refusal says why when HIS's words let us tell: the card is not
 * this person's (or unknown), it is reported lost (挂失), or it is otherwise out of use (注销、作废…).
 */
export type CardCheckResult =
  | { outcome: 'confirmed' }
  | { outcome: 'refused'; reason: 'mismatch' | 'card_lost' | 'card_inactive'; hisMessage: string };

export interface OutpatientInfo {
  realName: string;
  idNumber: string;
  phone: string;
  sex: string | null;
  birthday: string | null;
  cardBalanceFen: number | null;
  hisNo: string | null;
}

export interface InpatientInfo {
  realName: string;
  idNumber: string;
  inHospital: boolean;
  admittedOn: string;
  leftOn: string | null;
  ward: string | null;
  departmentCode: string;
  doctorCode: string;
  depositPaidFen: number | null;
  depositUsedFen: number | null;
  depositRemainingFen: number | null;
  hisNo: string | null;
}

/** Implemented by the HIS adapter. Failures are AppErrors from ../his-errors. */
export interface HisPatientPort {
  /** addPatientCard: a new (virtual) card. */
  createCard(input: NewCard): Promise<{ patientCard: string; hisNo: string | null }>;
  /** checkPatientCard: HIS's verdict; transport trouble and unreadable replies still throw. */
  checkCard(input: CardCheck): Promise<CardCheckResult>;
  /** queryPatientInfo */
  queryOutpatient(patientCard: string): Promise<OutpatientInfo>;
  /** queryInHospitalPatient */
  queryInpatient(serialNumber: string): Promise<InpatientInfo>;
}
