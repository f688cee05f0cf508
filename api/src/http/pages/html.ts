import { html as honoHtml } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';

export type { HtmlEscapedString };

/**
 * hono/html's tagged template (every interpolated value escaped, arrays joined, `raw()` and
 * nested templates kept), typed as the string it is: the pages interpolate no promises, so it
 * always renders synchronously.
 */
export function html(strings: TemplateStringsArray, ...values: unknown[]): HtmlEscapedString {
  return honoHtml(strings, ...values) as HtmlEscapedString;
}
