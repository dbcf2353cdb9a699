import type { PropsWithChildren } from 'react';
import { useLaunch } from '@tarojs/taro';
import { installKeyboardAccess } from './platform/a11y';
import { primeLogin } from './platform/login';
import { watchPrivacy } from './platform/privacy';
import { guardNavigation } from './platform/nav-guard';
import { routes } from './services/routes';
import { refreshMe } from './services/account';
import './app.scss';

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    // H5: remember the hospital app's ticket before the router rewrites the URL.
    primeLogin();
    // H5: Taro's custom elements get roles, Tab order and Enter/Space (mini programs have their own).
    installKeyboardAccess();
    // WeChat: a privacy API waiting for the user's agreement opens our consent page.
    watchPrivacy(routes.consent);
    // A page that cannot be loaded (offline, subpackage/chunk) shows 网络连接失败 + 重试.
    guardNavigation();
    // Elder mode is the server's: refresh it quietly when a session exists.
    void refreshMe().catch(() => undefined);
  });
  return children;
}

export default App;
