/** Delivering a notice outside the app: WeChat subscription message, Alipay template message, hospital-app push. */

export type ChannelName = 'wechat' | 'alipay' | 'app';

export interface OutboundMessage {
  /** The platform user: WeChat openid, Alipay user id, hospital-app user id. */
  recipient: string;
  /** Our notice kind, mapped by the adapter to a configured template. */
  kind: string;
  title: string;
  /** Short lines (name → value) the template shows, already masked. */
  fields: Record<string, string>;
  /** In-app page the message opens. */
  link: string;
}

export type SendResult =
  | { outcome: 'sent'; messageId: string | null }
  /** Will never work for this recipient (not subscribed, blocked, no template): do not retry. */
  | { outcome: 'rejected'; reason: string }
  /** Try again later (rate limit, platform busy, timeout). */
  | { outcome: 'retry'; reason: string };

export interface NoticeChannel {
  readonly name: ChannelName;
  send(message: OutboundMessage): Promise<SendResult>;
}
