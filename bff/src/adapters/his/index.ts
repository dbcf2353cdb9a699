/** The HIS core adapter (section 4 XML dialect): what the rest of the BFF may import. */
export { HisClient, createHisClient, type HisClientConfig, type HisCallLogger, type HisReply } from './his-client';
export { HisPatientAdapter } from './his-patient.adapter';
export { HisCatalogueAdapter } from './his-catalogue.adapter';
export { HisBookingAdapter } from './his-booking.adapter';
export { HisReportsAdapter } from './his-reports.adapter';
export { HisQueueAdapter } from './his-queue.adapter';
export { HisOutpatientAdapter } from './his-outpatient.adapter';
export { HisECardAdapter, defaultECardNonce, type HisECardOptions } from './his-ecard.adapter';
export { HisInpatientAdapter } from './his-inpatient.adapter';
export { HisLedgerAdapter } from './his-ledger.adapter';
export type { HisRowLogger } from './his-rows.map';
export { beijingDate, beijingDateTime } from '../../domain/time';
export {
  parseHisPush,
  verifyHisPushSign,
  encodeHisReply,
  encodeHisPush,
  HisPushParseError,
  type HisPush,
} from './his-push.codec';
export { hisSign, verifyHisSign } from './his-sign';
export { createHisTransport, type HisTransport, type HisTransportOptions } from './his-transport';
export { decodeXml, encodeXml, XmlDecodeError } from './xml-codec';
export { createHisSimulator, type HisSimulator, type HisSimulatorOptions } from './sim/his-simulator';
export type { SimFault, SimFaultKind } from './sim/sim-faults';
export { catalogueSeed as hisCatalogueSeed, simScheduleId as hisSimScheduleId } from './sim/seed-catalogue';
export { seed as hisSeed } from './sim/seed';
export { outpatientSeed as hisOutpatientSeed, prescribe as hisSimPrescribe, type SimRxSpec } from './sim/seed-outpatient';
export { inpatientSeed as hisInpatientSeed } from './sim/seed-inpatient';
export { payAtWindow as hisSimPayAtWindow, cancelPrescription as hisSimCancelPrescription, changePrescriptionFee as hisSimChangePrescriptionFee } from './sim/sim-outpatient';
export { reportSeed as hisReportSeed, queueSeed as hisQueueSeed, type SimFlag, type SimLabItem, type SimReport } from './sim/seed-reports';
export {
  HIS_PUSH_DATA_TYPES,
  type HisPushDataType,
  type HisPushFields,
  type HisPushFieldsByType,
  type SimPushOptions,
  type SimPushReply,
  type SimReportReady,
  type SimStopScheduleFields,
  type SimStopScheduleOptions,
} from './sim/sim-push';
