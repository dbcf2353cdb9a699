import { unmatchedMessages } from '../../../workflows/admin/order-desk.workflow';
import type { ConsolePage } from '../console-kit';
import { html } from '../html';
import { dataTable, when } from '../views';

const SOURCE_LABELS: Record<string, string> = { his: 'HIS', payment: '支付平台', lab: '检验系统' };

/** Pushed messages no patient matched, masked as the JSON API masks them. */
export const messagesPage: ConsolePage = {
  path: '/admin/messages',
  title: '未匹配的推送消息',
  nav: { label: '未匹配推送', order: 30 },
  permission: 'read',
  async get({ deps }) {
    const messages = await unmatchedMessages(deps);
    return {
      body: html`<p>以下推送没有找到对应的患者或订单。身份证号、姓名、手机号已脱敏。</p>
${dataTable('未匹配的推送', ['编号', '来源', '类型', '原因', '收到时间', '内容（已脱敏）'], messages.map((m) => [m.id, SOURCE_LABELS[m.source] ?? m.source, m.kind, m.reason, when(m.receivedAt), html`<pre>${JSON.stringify(m.payload, null, 2)}</pre>`]), '没有未匹配的推送。')}`,
    };
  },
};
