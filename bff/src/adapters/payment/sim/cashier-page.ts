import { fenToYuan } from '@hosp/shared';
import type { SimCharge } from './sim-ledger';

/** The simulated H5 cashier: one small Chinese page per charge, no scripts, plain forms. */

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
body{font-family:system-ui,-apple-system,"PingFang SC","Microsoft YaHei",sans-serif;margin:0;background:#f5f6f7;color:#222}
main{max-width:420px;margin:0 auto;padding:24px 16px}
.card{background:#fff;border-radius:12px;padding:20px;text-align:center}
.amount{font-size:36px;font-weight:600;margin:12px 0}
.subject{color:#666;margin-bottom:20px}
button{width:100%;padding:12px;font-size:17px;border-radius:8px;border:0;margin-top:12px}
#sim-cashier-pay{background:#1677ff;color:#fff}
#sim-cashier-cancel{background:#eee;color:#333}
</style></head><body><main>${body}</main></body></html>`;
}

export function renderCashierPage(charge: SimCharge): string {
  const amount = `¥${fenToYuan(charge.amountFen)}`;
  const base = `/cashier/${encodeURIComponent(charge.chargeNo)}`;
  const head = `<h1 style="font-size:18px">收银台（模拟）</h1>
<div class="card"><div class="amount" id="sim-cashier-amount">${escapeHtml(amount)}</div>
<div class="subject" id="sim-cashier-subject">${escapeHtml(charge.subject)}</div>`;
  if (charge.state === 'paid') {
    return page('支付成功', `${head}<p id="sim-cashier-state">已支付</p></div>`);
  }
  if (charge.state === 'closed') {
    return page('订单已关闭', `${head}<p id="sim-cashier-state">订单已关闭，无法支付</p></div>`);
  }
  return page(
    '收银台',
    `${head}<form method="post" action="${base}/pay"><button id="sim-cashier-pay" type="submit">确认支付</button></form>
<form method="post" action="${base}/cancel"><button id="sim-cashier-cancel" type="submit">取消</button></form></div>`,
  );
}

export function renderMessagePage(title: string, message: string): string {
  return page(title, `<div class="card"><p>${escapeHtml(message)}</p></div>`);
}
