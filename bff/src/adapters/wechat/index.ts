export { createWechatProvider, wechatProvider, type WechatCredentials } from './wechat-provider';
export {
  createWechatSimulator,
  type WechatSimulator,
  type WechatSimulatorOptions,
  type WechatFaultKind,
} from './wechat-simulator';
export { WECHAT_SIM_APP_ID, WECHAT_SIM_APP_SECRET } from './sim-credentials';
export type { LoggerLike, ProviderOptions } from '../shared/upstream-http';
export type { FaultKind, RunningSimulator } from '../shared/sim-kit';
