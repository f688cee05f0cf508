import { createHash } from 'node:crypto';
import { READER_SCRIPT } from './reader-script.generated.js';
import { SITE_CSS } from './site-css.js';

/** The site's mark: an aperture, in the accent colour. */
const ICON_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><circle cx="16" cy="16" r="15" fill="#b3261e"/><circle cx="16" cy="16" r="7" fill="none" stroke="#fff" stroke-width="3"/><path d="M16 1v8M31 16h-8M16 31v-8M1 16h8" stroke="#fff" stroke-width="2"/></svg>';

export interface Asset {
  /** `/assets/site.1a2b3c4d5e6f.css`: the name changes whenever the bytes do. */
  path: string;
  body: string;
  contentType: string;
}

function asset(name: string, body: string, contentType: string): Asset {
  const hash = createHash('sha256').update(body).digest('hex').slice(0, 12);
  const dot = name.lastIndexOf('.');
  return { path: `/assets/${name.slice(0, dot)}.${hash}${name.slice(dot)}`, body, contentType };
}

/** Every asset of the reader pages, named by content hash, so each can be cached for a year. */
export const ASSETS = {
  css: asset('site.css', SITE_CSS, 'text/css; charset=utf-8'),
  script: asset('reader.js', READER_SCRIPT, 'text/javascript; charset=utf-8'),
  icon: asset('icon.svg', ICON_SVG, 'image/svg+xml'),
} as const;

/** The assets by file name (what follows `/assets/`). */
export const ASSETS_BY_FILE = new Map(
  Object.values(ASSETS).map((a) => [a.path.slice('/assets/'.length), a] as const),
);

/**
 * Names the assets every page links to: part of each page's ETag, so a release that changes a
 * stylesheet or script gives every page a new tag (and the CDN a new copy) at once.
 */
export const ASSETS_VERSION = Object.values(ASSETS)
  .map((a) => a.path)
  .join(',');
