import type { LoginCredential } from './types';

/** The URL the page opened with, before the hash router rewrites it. */
const launchHref = typeof window === 'undefined' ? '' : window.location.href;
let ticketUsed = false;

/** The hospital app opens us with ?ticket=… (in the search part or inside the hash). */
export function readTicket(href: string): string | null {
  const queries: string[] = [];
  const q = href.indexOf('?');
  if (q >= 0) queries.push(href.slice(q + 1).split('#')[0] ?? '');
  const hash = href.indexOf('#');
  if (hash >= 0) {
    const hq = href.indexOf('?', hash);
    if (hq >= 0) queries.push(href.slice(hq + 1));
  }
  for (const query of queries) {
    for (const pair of query.split('&')) {
      const [key, value] = pair.split('=');
      if (key === 'ticket' && value) return decodeURIComponent(value);
    }
  }
  return null;
}

export function primeLogin(): void {
  // launchHref is captured when this module loads (app start); nothing else to do
}

/** The hospital app's ticket, once; null when absent (the login page then offers 演示登录). */
export async function platformLogin(): Promise<LoginCredential | null> {
  if (ticketUsed) return null;
  const ticket = readTicket(launchHref) ?? readTicket(window.location.href);
  if (!ticket) return null;
  ticketUsed = true;
  return { platform: 'h5', code: ticket };
}

/** H5 outside the hospital app may offer demo login; the server refuses it outside demo mode. */
export const demoLoginAllowed = true;
