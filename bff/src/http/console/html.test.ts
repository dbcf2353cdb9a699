import { consoleHref, escapeHtml, html, SafeHtml } from './html';

describe('the console escaping template', () => {
  it('escapes every character that could open a tag, an entity or leave an attribute', () => {
    expect(escapeHtml(`<script>alert("x")</script> & 'y' \``)).toBe('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39; &#96;');
  });

  it('escapes interpolated values in text and in attributes, leaving the template itself alone', () => {
    const evil = '"><img src=x onerror=alert(1)>';
    const out = html`<p title="${evil}">${evil}</p>`.value;
    expect(out).toBe('<p title="&quot;&gt;&lt;img src=x onerror=alert(1)&gt;">&quot;&gt;&lt;img src=x onerror=alert(1)&gt;</p>');
    expect(out).not.toContain('<img');
  });

  it('nests: a fragment made by the template is inserted as it is, once (not escaped twice)', () => {
    const row = (name: string) => html`<li>${name}</li>`;
    const out = html`<ul>${['a&b', '<c>'].map(row)}</ul>`;
    expect(out).toBeInstanceOf(SafeHtml);
    expect(out.value).toBe('<ul><li>a&amp;b</li><li>&lt;c&gt;</li></ul>');
  });

  it('renders nothing for null, undefined and false, and numbers as text', () => {
    expect(html`[${null}${undefined}${false}${0}${12.5}]`.value).toBe('[012.5]');
  });

  it('a plain string that looks like SafeHtml is still escaped', () => {
    expect(html`${{ value: '<b>' } as unknown}`.value).toBe('[object Object]');
    expect(html`${String(new SafeHtml('<b>'))}`.value).toBe('&lt;b&gt;');
  });

  it('builds console links only: no other scheme or host can become a link', () => {
    expect(consoleHref('/admin/order/T1', { done: 'resolved', empty: '' })).toBe('/admin/order/T1?done=resolved');
    expect(consoleHref('/admin')).toBe('/admin');
    for (const bad of ['javascript:alert(1)', '//evil.example/admin', 'https://evil.example/admin', '/administrator', '/admin\\..\\x']) expect(() => consoleHref(bad)).toThrow();
  });
});
