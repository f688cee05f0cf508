import { isbot } from 'isbot';

/** Why a visit is answered but not counted. */
export type NotCountedReason = 'global-privacy-control' | 'do-not-track' | 'bot';

/** The request headers the decision reads; a function so that node and Lambda answer alike. */
export type HeaderReader = (name: string) => string | undefined;

/**
 * Whether a visit should be left out of the counter, and why. Privacy by default: a visitor
 * whose browser sends Global Privacy Control (`Sec-GPC: 1`) or Do Not Track (`DNT: 1`), or whose
 * page script saw either (`optOut`, since a script cannot set those headers itself), is answered
 * the count but never counted.
 *
 * Bots are recognised by `isbot` from the User-Agent only on requests a web page made (they
 * carry `Origin`, as every browser's `fetch` and `sendBeacon` POST does): isbot also lists every
 * plain `product/version` agent (`curl/8`, `node`, `PostmanRuntime/7`), and a direct API call
 * with a key is someone using the API on purpose, as the Cloud Resume Challenge does with curl.
 * A crawler or link-preview renderer running a page's script sends `Origin` and its own agent.
 */
export function notCountedReason(
  header: HeaderReader,
  optOut = false,
): NotCountedReason | undefined {
  if (header('sec-gpc')?.trim() === '1') return 'global-privacy-control';
  if (header('dnt')?.trim() === '1' || optOut) return 'do-not-track';
  if (header('origin') !== undefined && isbot(header('user-agent') ?? '')) return 'bot';
  return undefined;
}
