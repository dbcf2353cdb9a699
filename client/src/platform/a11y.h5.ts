/**
 * H5: Taro renders its components as custom elements (`taro-button-core`, `taro-view-core`) that a
 * browser neither focuses nor activates from the keyboard. This gives every button and every
 * element the pages mark with an interactive role a place in the Tab order, and makes Enter / Space
 * press it, as a native control would.
 */
const ROLES = new Set(['button', 'link', 'tab', 'switch', 'radio', 'checkbox', 'option']);
const SELECTOR = 'taro-button-core, [role]';

/** Writes only a change: an unchanged write would still wake the observer (and loop). */
function put(el: Element, name: string, value: string): void {
  if (el.getAttribute(name) !== value) el.setAttribute(name, value);
}

function upgrade(el: Element): void {
  if (el.tagName === 'TARO-BUTTON-CORE') {
    if (!el.hasAttribute('role')) el.setAttribute('role', 'button');
    const disabled = el.getAttribute('disabled') === 'true';
    put(el, 'aria-disabled', String(disabled));
    put(el, 'tabindex', disabled ? '-1' : '0');
    put(el, 'aria-busy', String(el.getAttribute('loading') === 'true'));
    return;
  }
  const role = el.getAttribute('role') ?? '';
  if (ROLES.has(role)) put(el, 'tabindex', el.getAttribute('aria-disabled') === 'true' ? '-1' : '0');
}

function upgradeTree(root: ParentNode): void {
  if (root instanceof Element && root.matches(SELECTOR)) upgrade(root);
  root.querySelectorAll(SELECTOR).forEach(upgrade);
}

export function installKeyboardAccess(): void {
  if (typeof document === 'undefined' || (window as { __a11yInstalled?: boolean }).__a11yInstalled) return;
  (window as { __a11yInstalled?: boolean }).__a11yInstalled = true;
  upgradeTree(document.body);
  new MutationObserver((records) => {
    for (const r of records) {
      if (r.type === 'attributes') upgrade(r.target as Element);
      else r.addedNodes.forEach((n) => n instanceof Element && upgradeTree(n));
    }
  }).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['disabled', 'loading', 'role', 'aria-disabled'] });
  document.addEventListener('keydown', (e) => {
    if (e.key !== 'Enter' && e.key !== ' ') return;
    const el = e.target as HTMLElement | null;
    if (!el || el.tagName === 'INPUT' || el.tagName === 'TEXTAREA') return;
    const role = el.getAttribute('role') ?? '';
    if (!ROLES.has(role) || el.getAttribute('aria-disabled') === 'true') return;
    e.preventDefault();
    el.click();
  });
}
