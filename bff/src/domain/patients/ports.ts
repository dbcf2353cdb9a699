/** What the patients journey needs from HIS, in domain words. Amounts are fen. */

export interface NewCard {
  realName: string;
  idNumber: string;
  phone: string;
}

export interface CardCheck extends NewCard {
  patientCard: string;
}

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
  /** checkPatientCard: resolves when HIS confirms the card belongs to this person. */
  checkCard(input: CardCheck): Promise<void>;
  /** queryPatientInfo */
  queryOutpatient(patientCard: string): Promise<OutpatientInfo>;
  /** queryInHospitalPatient */
  queryInpatient(serialNumber: string): Promise<InpatientInfo>;
}
