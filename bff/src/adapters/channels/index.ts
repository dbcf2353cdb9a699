/** Notice delivery channels (NoticeChannel implementations) and their simulators. */
export {
  WechatSubscribeChannel,
  createWechatSubscribeChannel,
  wechatValueLimit,
  type WechatSubscribeChannelOptions,
} from './wechat-subscribe.channel';
export {
  createWechatSubscribeSimulator,
  demoWechatTemplateKeys,
  type WechatSubscribeSimulator,
  type WechatSubscribeSimOptions,
  type WechatSubscribeFaultKind,
  type SentWechatMessage,
} from './wechat-subscribe.sim';
export {
  AlipayTemplateChannel,
  createAlipayTemplateChannel,
  ALIPAY_TEMPLATE_METHOD,
  type AlipayTemplateChannelOptions,
} from './alipay-template.channel';
export {
  createAlipayTemplateSimulator,
  demoAlipayTemplateKeys,
  type AlipayTemplateSimulator,
  type AlipayTemplateSimOptions,
  type SentAlipayMessage,
} from './alipay-template.sim';
export {
  AppPushChannel,
  createAppPushChannel,
  appPushSign,
  appPushSignContent,
  appPushSignMatches,
  APP_PUSH_CODES,
  APP_PUSH_PATH,
  type AppPushChannelOptions,
  type AppPushRequest,
} from './app-push.channel';
export {
  createAppPushSimulator,
  type AppPushSimulator,
  type AppPushSimOptions,
  type AppPushFaultKind,
  type SentAppPush,
} from './app-push.sim';
export { TITLE_LABEL, cut, type ChannelOptions, type TemplateMap, type TemplateSpec } from './channel-kit';
export {
  NoticesConfigSchema,
  NOTICES_DEMO_DEFAULTS,
  DEMO_WECHAT_TEMPLATES,
  DEMO_ALIPAY_TEMPLATES,
  type NoticesConfig,
} from '@hosp/config';
