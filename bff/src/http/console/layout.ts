import { ROLE_LABELS } from '../../domain/admin/roles';
import type { Operator } from '../../store/operators.repo';
import { html, type SafeHtml } from './html';

export interface NavEntry {
  href: string;
  label: string;
}

export interface LayoutInput {
  title: string;
  body: SafeHtml;
  /** Absent on the login page. */
  operator?: Operator;
  csrfToken?: string;
  nav?: readonly NavEntry[];
  /** The nav entry of this page (aria-current). */
  current?: string;
}

/** Every console page: Chinese, landmarks, a skip link, the operator and a logout form, the nav. */
export function layout(p: LayoutInput): string {
  const nav = p.nav ?? [];
  return html`<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${p.title} · 运营后台</title>
<link rel="stylesheet" href="/admin/assets/console.css">
</head>
<body>
<a class="skip" href="#main">跳到主要内容</a>
<header class="top">
  <p class="brand">医院患者服务 · 运营后台</p>
  ${p.operator
    ? html`<div class="who">
    <span>${p.operator.displayName}（${p.operator.username}，${ROLE_LABELS[p.operator.role]}）</span>
    <form method="post" action="/admin/logout">
      <input type="hidden" name="_csrf" value="${p.csrfToken}">
      <button type="submit" class="link-button">退出登录</button>
    </form>
  </div>`
    : null}
</header>
${nav.length > 0
    ? html`<nav aria-label="后台导航"><ul>${nav.map((n) => html`<li><a href="${n.href}"${n.href === p.current ? html` aria-current="page"` : null}>${n.label}</a></li>`)}</ul></nav>`
    : null}
<main id="main" tabindex="-1">
<h1>${p.title}</h1>
${p.body}
</main>
<footer><p>所有操作均记录在操作记录中。个人信息已脱敏显示。</p></footer>
</body>
</html>
`.value;
}

/** Plain CSS (served as a file: the CSP allows our own styles). Text contrast ≥ 4.5:1 everywhere, focus always visible. */
export const CONSOLE_CSS = `
*{box-sizing:border-box}
body{margin:0;font:16px/1.6 system-ui,"PingFang SC","Microsoft YaHei",sans-serif;color:#1a1a1a;background:#fff}
a{color:#0a4fb8}
a:hover{color:#073a88}
:focus-visible{outline:3px solid #1a1a1a;outline-offset:2px}
.top :focus-visible{outline-color:#fff}
.skip{position:absolute;left:8px;top:-48px;background:#fff;padding:8px 12px;border:2px solid #1a1a1a;z-index:10}
.skip:focus{top:8px}
.top{display:flex;flex-wrap:wrap;justify-content:space-between;align-items:center;gap:8px;padding:8px 24px;background:#12355b;color:#fff}
.top .brand{margin:0;font-weight:600}
.who{display:flex;gap:12px;align-items:center}
.who form{margin:0}
.link-button{background:none;border:1px solid #fff;color:#fff;padding:6px 12px;border-radius:4px;font:inherit;cursor:pointer;min-height:44px}
nav ul{list-style:none;margin:0;padding:0 24px;display:flex;flex-wrap:wrap;gap:4px 20px;border-bottom:1px solid #8a8a8a}
nav a{display:inline-block;padding:10px 0;min-height:44px}
nav a[aria-current=page]{font-weight:700;color:#1a1a1a;text-decoration-thickness:3px}
main{padding:16px 24px;max-width:1200px}
main:focus{outline:none}
footer{padding:8px 24px;color:#4a4a4a;border-top:1px solid #8a8a8a;margin-top:24px}
table{border-collapse:collapse;width:100%;margin:8px 0 24px}
caption{text-align:left;font-weight:600;padding:4px 0}
th,td{border:1px solid #8a8a8a;padding:6px 8px;text-align:left;vertical-align:top}
thead th{background:#eef2f7}
td.num{text-align:right;font-variant-numeric:tabular-nums}
.status{padding:8px 12px;border-left:4px solid #1f6b2a;background:#eef7ef;color:#1a1a1a}
.error{color:#a4161a}
.error-box{padding:8px 12px;border-left:4px solid #a4161a;background:#fdeeee}
form.stack{display:grid;gap:12px;max-width:520px}
label{font-weight:600;display:block}
input,select,textarea{font:inherit;padding:8px;border:1px solid #5a5a5a;border-radius:4px;width:100%;min-height:44px;color:#1a1a1a;background:#fff}
input[type=radio]{width:auto;min-height:auto}
fieldset{border:1px solid #8a8a8a;border-radius:4px}
.choice{display:flex;gap:8px;align-items:center;font-weight:400}
button.primary{background:#0a4fb8;color:#fff;border:0;border-radius:4px;padding:10px 20px;font:inherit;cursor:pointer;min-height:44px}
button.primary:hover{background:#073a88}
pre{white-space:pre-wrap;word-break:break-all;margin:0;font-size:14px}
.hint{color:#4a4a4a;font-weight:400}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:4px 16px}
dl.facts dt{font-weight:600}
dl.facts dd{margin:0}
`;
