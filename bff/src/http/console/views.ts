import { fenToYuan } from '@hosp/shared';
import { beijingDateTime } from '../../domain/time';
import { scrubString } from '../../logger';
import { html, type SafeHtml } from './html';

/** Words and formats every console page shares. */

export const STATE_LABELS: Record<string, string> = {
  created: '待支付', paying: '支付中', paid: '已支付，待入账', posting: '正在入账 HIS', posted: '已入账',
  closed: '已关闭', refunding: '退款中', refunded: '已退款', attention: '待人工处理',
};

export const KIND_LABELS: Record<string, string> = {
  subscription: '预约挂号', register: '当日挂号', hisSrc: '门诊缴费', prepaySrc: '住院预交金', eCardPay: '一卡通充值', deposit: '门诊预存',
};

export const REFUND_STATE_LABELS: Record<string, string> = { pending: '处理中', refunded: '已退款', rejected: '被拒绝' };

export const ACTOR_LABELS: Record<string, string> = { patient: '患者', platform: '支付平台', his: 'HIS', system: '系统', operator: '操作员' };

export const label = (map: Record<string, string>, key: string) => map[key] ?? key;

export const yuan = (fen: number) => `¥${fenToYuan(fen)}`;

/** Beijing time, as the hospital reads it. */
export const when = (iso: string | null | undefined) => (iso ? beijingDateTime(new Date(iso)) : '—');

/** Why an order waits, in the console's words (the attention reason is recorded text). */
export function waitingReason(state: string, attentionReason: string | null): string {
  if (attentionReason) return scrubString(attentionReason);
  if (state === 'refunding') return '退款进行中（系统自动处理）';
  if (state === 'attention') return '待人工处理';
  return '支付已到账，正在入账 HIS（系统自动处理）';
}

/** A data table as a screen reader expects it: a caption, column headers with scope, one row header. */
export function dataTable(caption: string, head: readonly string[], rows: readonly (readonly unknown[])[], empty: string): SafeHtml {
  if (rows.length === 0) return html`<table><caption>${caption}</caption><tbody><tr><td>${empty}</td></tr></tbody></table>`;
  return html`<table>
<caption>${caption}</caption>
<thead><tr>${head.map((h) => html`<th scope="col">${h}</th>`)}</tr></thead>
<tbody>${rows.map((r) => html`<tr>${r.map((cell, i) => (i === 0 ? html`<th scope="row">${cell}</th>` : html`<td>${cell}</td>`))}</tr>`)}</tbody>
</table>`;
}

export function statusMessage(text: string | null): SafeHtml | null {
  return text ? html`<p class="status" role="status">${text}</p>` : null;
}

export const csrfField = (token: string) => html`<input type="hidden" name="_csrf" value="${token}">`;
