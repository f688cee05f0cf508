import { html, type HtmlEscapedString } from './html.js';

/**
 * Where a page shows its visit count: `/counter.js` writes the total into the element with
 * `data-shutter-count`; until then (and with JavaScript off) the line is hidden by CSS
 * (`.visits:has(span:empty)`), so a reader never sees an empty count.
 */
export function visitCounterSlot(): HtmlEscapedString {
  return html`<p class="visits"><span data-shutter-count></span> visits</p>`;
}

/**
 * The `/counter.js` tag that counts a page on `counterId` with the site key (scoped to `default`
 * and `review-*`, made at first start). `show: false` counts with a beacon and shows nothing.
 * No key (a process that cannot read it, like the content Lambda today), no tag.
 */
export function visitCounterScript(
  counterId: string,
  key: string | undefined,
  { show }: { show: boolean },
): HtmlEscapedString | string {
  if (!key) return '';
  return html`<script
    src="/counter.js"
    data-counter="${counterId}"
    data-key="${key}"
    ${show ? '' : html`data-show="false"`}
    defer
  ></script>`;
}
