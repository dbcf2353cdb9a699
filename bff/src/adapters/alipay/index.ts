export { createAlipayProvider, alipayProvider, type AlipayCredentials } from './alipay-provider';
export {
  createAlipaySimulator,
  ALIPAY_OAUTH_METHOD,
  type AlipaySimulator,
  type AlipaySimulatorOptions,
} from './alipay-simulator';
export { ALIPAY_SIM_APP_ID, alipaySimAppKeys, alipaySimPlatformKeys, generateRsa2KeyPair, type PemKeyPair } from './sim-keys';
export { openGatewayReply, replySignMatches, type GatewayReplyCheck } from './alipay-reply';
export type { AlipayGatewayFaultKind } from './sim-gateway';
export { alipaySignContent, alipayTimestamp, parseAlipayTimestamp, rsa2Sign, rsa2Verify } from './alipay-sign';
