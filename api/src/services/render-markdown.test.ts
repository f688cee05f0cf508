import { describe, expect, it } from 'vitest';
import { renderMarkdown } from './render-markdown.js';

describe('renderMarkdown', () => {
  it('renders headings, lists, emphasis and tables', () => {
    const html = renderMarkdown(
      '## Handling\n\n- **grip** is deep\n- *menus* are long\n\n| a | b |\n|---|---|\n| 1 | 2 |',
    );
    expect(html).toContain('<h2>Handling</h2>');
    expect(html).toContain('<li><strong>grip</strong> is deep</li>');
    expect(html).toContain('<em>menus</em>');
    expect(html).toContain('<td>1</td>');
  });

  it('shows raw HTML as text instead of rendering it', () => {
    const html = renderMarkdown('<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>');
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;script&gt;');
  });

  it('drops javascript: links and marks other links nofollow', () => {
    const html = renderMarkdown('[bad](javascript:alert(1)) and [good](https://example.com)');
    expect(html).not.toMatch(/href="javascript/i);
    expect(html).toContain(
      '<a href="https://example.com" rel="nofollow noopener noreferrer">good</a>',
    );
  });
});
