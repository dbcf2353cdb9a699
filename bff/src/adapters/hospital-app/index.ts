export { createHospitalAppProvider, hospitalAppProvider, type HospitalAppCredentials } from './hospital-app-provider';
export {
  createHospitalAppSimulator,
  type HospitalAppSimulator,
  type HospitalAppSimulatorOptions,
} from './hospital-app-simulator';
export { HOSPITAL_APP_SIM_APP_KEY, HOSPITAL_APP_SIM_APP_SECRET } from './sim-credentials';
export {
  HOSPITAL_APP_CODES,
  TICKET_EXCHANGE_PATH,
  ticketSign,
  ticketSignMatches,
  type TicketExchangeRequest,
} from './hospital-app-protocol';
