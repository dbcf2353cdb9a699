import { html } from './html';
import { layout } from './layout';

/** The login form; `error` is tied to both fields with aria-describedby. */
export function loginView(csrf: string, next: string, error: string | null, username = ''): string {
  const described = error ? html` aria-invalid="true" aria-describedby="login-error"` : null;
  return layout({
    title: '登录',
    body: html`${error ? html`<p class="error-box" role="alert" id="login-error">${error}</p>` : null}
<form method="post" action="/admin/login" class="stack">
<input type="hidden" name="_csrf" value="${csrf}">
<input type="hidden" name="next" value="${next}">
<div><label for="login-username">用户名</label>
<input id="login-username" name="username" autocomplete="username" required value="${username}"${described}></div>
<div><label for="login-password">密码</label>
<input id="login-password" name="password" type="password" autocomplete="current-password" required${described}></div>
<div><button type="submit" class="primary" id="login-submit">登录</button></div>
</form>
<p class="hint">连续多次输错密码，账号会暂时锁定。忘记密码请联系管理员重置。</p>`,
  });
}

/** A page that only says what went wrong (refused, missing, expired form). */
export function problemView(title: string, message: string, back = '/admin'): string {
  return layout({ title, body: html`<p role="alert">${message}</p><p><a href="${back}">返回</a></p>` });
}
