import MarkdownIt from 'markdown-it';
import sanitizeHtml from 'sanitize-html';
import {
  IMAGE_FORMAT_TYPES,
  IMAGE_URL_PREFIX,
  imageRefId,
  VARIANT_NAME,
  type PublicImage,
} from '../domain/image.js';

// Raw HTML in the Markdown is escaped (`html: false`), so an editor cannot inject markup; the
// sanitiser then runs on markdown-it's own output as a second line of defence, in case a plugin
// or a renderer bug ever lets something through.
const markdown = new MarkdownIt({ html: false, linkify: true, typographer: true });
const escape = markdown.utils.escapeHtml;

/** What a render is given besides the source: the review's ready images by id. */
interface RenderEnv {
  images?: ReadonlyMap<string, PublicImage>;
}

/**
 * `![alt](image:IMAGE_ID)` names an uploaded photo of the review: it renders as a `<picture>`
 * (AVIF, WebP, then a JPEG `<img>` with width, height and the image's alt text). An image not
 * ready yet, or of another review, renders as its alt text; an image from anywhere else renders
 * as a plain link to it, so a body never makes readers' browsers load a third party's file.
 */
markdown.renderer.rules.image = (tokens, idx, options, env, self) => {
  const token = tokens[idx]!;
  const src = String(token.attrGet('src') ?? '');
  const alt = String(self.renderInlineAsText(token.children ?? [], options, env));
  const id = imageRefId(src);
  const image = id === undefined ? undefined : (env as RenderEnv).images?.get(id);
  if (image) return pictureOf(image);
  if (id !== undefined || src.startsWith('image:')) return escape(alt);
  return `<a href="${escape(src)}">${escape(alt || src)}</a>`;
};

function pictureOf(image: PublicImage): string {
  const sources = (['avif', 'webp'] as const)
    .map((f) => `<source type="${IMAGE_FORMAT_TYPES[f]}" srcset="${escape(image.srcset[f])}">`)
    .join('');
  return (
    `<picture>${sources}<img src="${escape(image.url)}" srcset="${escape(image.srcset.jpeg)}"` +
    ` width="${image.width}" height="${image.height}" alt="${escape(image.alt)}"` +
    ` loading="lazy" decoding="async"></picture>`
  );
}

/** A `src` or every URL of a `srcset` is one of our variants, served from `/images/`. */
const OUR_VARIANT = new RegExp(
  `^${IMAGE_URL_PREFIX.replace(/\//g, '\\/')}${VARIANT_NAME.source.slice(1, -1)}$`,
);
function onlyOurVariants(urls: string | undefined, srcset: boolean): boolean {
  // An img needs its src; a srcset is optional on it.
  if (urls === undefined) return srcset;
  const list = srcset ? urls.split(',').map((part) => part.trim().split(/\s+/)[0] ?? '') : [urls];
  return list.length > 0 && list.every((url) => OUR_VARIANT.test(url));
}

const SANITIZE: sanitizeHtml.IOptions = {
  allowedTags: [
    'h1',
    'h2',
    'h3',
    'h4',
    'h5',
    'h6',
    'p',
    'br',
    'hr',
    'blockquote',
    'ul',
    'ol',
    'li',
    'strong',
    'em',
    's',
    'code',
    'pre',
    'a',
    'table',
    'thead',
    'tbody',
    'tr',
    'th',
    'td',
    'picture',
    'source',
    'img',
  ],
  allowedAttributes: {
    a: ['href', 'title', 'rel'],
    ol: ['start'],
    th: ['style'],
    td: ['style'],
    source: ['type', 'srcset'],
    img: ['src', 'srcset', 'width', 'height', 'alt', 'loading', 'decoding'],
  },
  // Images only from our own variants: relative `/images/{hash}-{width}.{ext}` and nothing else
  // (no scheme at all, so neither another origin nor a data: URL); any other img or source is
  // dropped whole.
  allowedSchemesByTag: { img: [], source: [] },
  selfClosing: [...sanitizeHtml.defaults.selfClosing, 'source'],
  exclusiveFilter: (frame) =>
    (frame.tag === 'img' &&
      !(
        onlyOurVariants(frame.attribs.src, false) && onlyOurVariants(frame.attribs.srcset, true)
      )) ||
    (frame.tag === 'source' &&
      !(frame.attribs.srcset !== undefined && onlyOurVariants(frame.attribs.srcset, true))),
  allowedStyles: { '*': { 'text-align': [/^(left|right|center)$/] } },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowProtocolRelative: false,
  // Links in reviews point elsewhere: no referrer, no ranking credit, no window.opener.
  transformTags: {
    a: sanitizeHtml.simpleTransform('a', { rel: 'nofollow noopener noreferrer' }),
  },
};

/**
 * Renders a review's Markdown to HTML that is safe to insert into a page as is.
 * @param images the review's ready photos by id, for `![alt](image:IMAGE_ID)` references.
 */
export function renderMarkdown(
  source: string,
  images: ReadonlyMap<string, PublicImage> = new Map(),
): string {
  const env: RenderEnv = { images };
  return sanitizeHtml(markdown.render(source, env as Record<string, unknown>), SANITIZE);
}
