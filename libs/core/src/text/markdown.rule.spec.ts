import { escapeHtml, renderMarkdown } from './markdown.rule';

const PAYLOADS = [
  '<script>alert("x")</script>',
  '<img src=x onerror=alert(1)>',
  '<svg onload=alert(1)></svg>',
  '[click](javascript:alert(1))',
  '[click](JaVaScRiPt:alert(1))',
  '<a href="jav&#x09;ascript:alert(1)">x</a>',
  '<a href="data:text/html;base64,PHNjcmlwdD4=">x</a>',
  '<iframe src="https://evil.example"></iframe>',
  '<p style="background:url(javascript:alert(1))" onclick="alert(1)">x</p>',
  '<details open ontoggle=alert(1)>',
  '![x](javascript:alert(1))',
];

describe('renderMarkdown', () => {
  it('renders the Markdown of a communiqué', () => {
    const html = renderMarkdown('# Title\n\nMinisters **agreed** to [publish](https://www.canada.ca/).\n\n- one\n- two');
    expect(html).toContain('<h1>Title</h1>');
    expect(html).toContain('<strong>agreed</strong>');
    expect(html).toContain('<a href="https://www.canada.ca/" rel="noopener noreferrer nofollow">publish</a>');
    expect(html).toContain('<li>one</li>');
  });

  it.each(PAYLOADS)('renders %s inert', (payload) => {
    const html = renderMarkdown(`Texte ${payload} fin`);
    expect(html).not.toMatch(/<script|<iframe|<svg|<img|<details|\son\w+\s*=|javascript:|data:text|style=/i);
    expect(html).toContain('fin');
  });

  it('keeps the words around a removed script, but not its content', () => {
    const html = renderMarkdown('before <script>steal()</script> after');
    expect(html).not.toContain('steal');
    expect(html).toContain('before');
    expect(html).toContain('after');
  });

  it('escapes text for HTML', () => {
    expect(escapeHtml(`<b a="1">'&'</b>`)).toBe('&lt;b a=&quot;1&quot;&gt;&#39;&amp;&#39;&lt;/b&gt;');
  });
});
