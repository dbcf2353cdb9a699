import type { PropsWithChildren } from 'react';
import { useLaunch } from '@tarojs/taro';
import { installKeyboardAccess } from './platform/a11y';
import { primeLogin } from './platform/login';
import { refreshMe } from './services/account';
import './app.scss';

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    // H5: remember the hospital app's ticket before the router rewrites the URL.
    primeLogin();
    // H5: Taro's custom elements get roles, Tab order and Enter/Space (mini programs have their own).
    installKeyboardAccess();
    // Elder mode is the server's: refresh it quietly when a session exists.
    void refreshMe().catch(() => undefined);
  });
  return children;
}

export default App;
