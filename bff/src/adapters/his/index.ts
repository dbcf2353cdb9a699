/** The HIS core adapter (section 4 XML dialect): what the rest of the BFF may import. */
export { HisClient, createHisClient, type HisClientConfig, type HisCallLogger, type HisReply } from './his-client';
export { HisPatientAdapter } from './his-patient.adapter';
export { HisCatalogueAdapter } from './his-catalogue.adapter';
export { HisBookingAdapter } from './his-booking.adapter';
export type { HisRowLogger } from './his-rows.map';
export { beijingDate, beijingDateTime } from './his-time';
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
