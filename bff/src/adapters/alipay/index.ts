export { createAlipayProvider, alipayProvider, type AlipayCredentials } from './alipay-provider';
export {
  createAlipaySimulator,
  ALIPAY_OAUTH_METHOD,
  type AlipaySimulator,
  type AlipaySimulatorOptions,
} from './alipay-simulator';
export { ALIPAY_SIM_APP_ID, alipaySimAppKeys, generateRsa2KeyPair, type PemKeyPair } from './sim-keys';
export { alipaySignContent, alipayTimestamp, parseAlipayTimestamp, rsa2Sign, rsa2Verify } from './alipay-sign';
