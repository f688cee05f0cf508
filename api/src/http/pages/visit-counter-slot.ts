import { html } from './html.js';
import type { HtmlEscapedString } from 'hono/utils/html';

/**
 * HOOK for the visit counter (issue 16: `/counter.js` and `<shutter-counter>` are another
 * change's). Until that script lands, a page shows no count: the slot below is rendered empty
 * and hidden, and {@link visitCounterScript} adds nothing. Once it lands, render its element (or
 * script tag with `data-counter`) here, with the key the server gives its own pages, and the
 * review page shows "N visits" with no other change.
 */
export function visitCounterSlot(counterId: string): HtmlEscapedString {
  return html`<p class="visits" data-counter-slot="${counterId}" hidden></p>`;
}

/** HOOK: the `<script src="/counter.js" …>` tag for a page's head; empty until it exists. */
export function visitCounterScript(_counterId: string): string {
  return '';
}
