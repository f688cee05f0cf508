import { describe, expect, it } from 'vitest';
import type { PublicImage } from '../domain/image.js';
import { renderMarkdown } from './render-markdown.js';

const ID = 'img_5e7b2a643f9a1c0d';
const name = (w: number, ext: string) => `/images/${'3f'.repeat(16)}-${w}.${ext}`;
const hero: PublicImage = {
  url: name(960, 'jpg'),
  width: 960,
  height: 640,
  alt: 'The camera on a "table" <b>',
  srcset: {
    avif: `${name(480, 'avif')} 480w, ${name(960, 'avif')} 960w`,
    webp: `${name(480, 'webp')} 480w, ${name(960, 'webp')} 960w`,
    jpeg: `${name(480, 'jpg')} 480w, ${name(960, 'jpg')} 960w`,
  },
};
const images = new Map([[ID, hero]]);

describe('renderMarkdown with photos', () => {
  it('renders a reference to a ready photo as a picture: AVIF, WebP, then the JPEG img', () => {
    expect(renderMarkdown(`![ignored](image:${ID})`, images)).toBe(
      '<p><picture>' +
        `<source type="image/avif" srcset="${hero.srcset.avif}" />` +
        `<source type="image/webp" srcset="${hero.srcset.webp}" />` +
        `<img src="${hero.url}" srcset="${hero.srcset.jpeg}" width="960" height="640"` +
        ' alt="The camera on a &quot;table&quot; &lt;b&gt;" loading="lazy" decoding="async" />' +
        '</picture></p>\n',
    );
  });

  it('renders an unknown or unready photo as its alt text', () => {
    expect(renderMarkdown(`![A photo](image:${ID})`)).toBe('<p>A photo</p>\n');
    expect(renderMarkdown('![A photo](image:not-an-id)', images)).toBe('<p>A photo</p>\n');
  });

  it('renders another origin’s image as a link, and drops unsafe ones', () => {
    expect(renderMarkdown('![pic](https://example.com/a.png)')).toBe(
      '<p><a href="https://example.com/a.png" rel="nofollow noopener noreferrer">pic</a></p>\n',
    );
    expect(renderMarkdown('![pic](javascript:alert(1))')).not.toMatch(/<img|<a|href=/);
    expect(renderMarkdown('![pic](data:image/png;base64,AAAA)')).not.toMatch(/<img|href=/);
  });

  it('keeps the sanitiser tight: only our variants survive as img or source', () => {
    const forged = { ...hero, url: 'https://evil.example/x.jpg' };
    expect(renderMarkdown(`![x](image:${ID})`, new Map([[ID, forged]]))).not.toContain('<img');
    const forgedSet = { ...hero, srcset: { ...hero.srcset, avif: '//evil.example/x.avif 1w' } };
    const html = renderMarkdown(`![x](image:${ID})`, new Map([[ID, forgedSet]]));
    expect(html).not.toContain('evil');
    expect(html).toContain('<img');
  });
});
