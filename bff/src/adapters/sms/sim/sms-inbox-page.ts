import { maskPhone } from '@hosp/shared';
import type { SimSms } from './sms-sim';

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The simulated phones' inbox: what a patient would read on their phone, newest first. */
export function renderInbox(messages: SimSms[]): string {
  const items = messages.length
    ? messages
        .map(
          (m) => `<li><p class="to">发送至 ${esc(maskPhone(m.phone))} · ${esc(new Date(m.at).toLocaleTimeString('zh-CN', { timeZone: 'Asia/Shanghai' }))}</p>
<p class="text">${esc(m.text)}</p><p class="code">验证码 <strong>${esc(m.code)}</strong></p></li>`,
        )
        .join('\n')
    : '<li><p class="text">还没有短信。在绑卡页点击“获取验证码”后刷新本页。</p></li>';
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>模拟短信收件箱</title><style>
body{font-family:-apple-system,"PingFang SC","Microsoft YaHei",sans-serif;margin:0;background:#f4f6f8;color:#1f2329}
h1{font-size:20px;margin:16px}p{margin:4px 0}ul{list-style:none;margin:0;padding:0 16px}
li{background:#fff;border-radius:8px;margin-bottom:12px;padding:12px;font-size:16px}.to{color:#4e5969;font-size:14px}
.code strong{font-size:24px;letter-spacing:4px}a{color:#0b57d0}
</style></head><body><main><h1>模拟短信收件箱（演示）</h1><p style="margin:0 16px 12px">演示环境不发真实短信：验证码显示在这里。<a href="">刷新</a></p>
<ul>${items}</ul></main></body></html>`;
}
