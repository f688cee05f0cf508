/// <reference lib="dom" />
/**
 * The embeddable visitor counter, served minified as `/counter.js` (counter-script.ts). Two ways in:
 *
 * - `<script src=".../counter.js" data-counter="default" data-key="shk_…" defer>` counts the visit
 *   and writes the total into every element with a `data-shutter-count` attribute, or into a
 *   `<span data-shutter-count>` it inserts right after the script when the page has none.
 *   `data-show="false"` counts without showing (with `navigator.sendBeacon`); `data-spa` counts
 *   again on every `history.pushState` and `popstate`.
 * - `<shutter-counter counter="default" key="shk_…">` counts and shows the total as its text,
 *   sets its `count` property and dispatches a bubbling `shutter-count` event with
 *   `{ count, counted }`: usable from React or any framework that renders an element.
 *
 * The key travels in a `text/plain` body, so a page on any origin makes a CORS simple request: no
 * preflight. A visitor with Global Privacy Control or Do Not Track is never counted: the script
 * says so to the server (a script cannot send those headers), which answers the count anyway, and
 * a beacon is not sent at all. `window.ShutterCounter.count(counterId?)` counts by hand.
 *
 * Every byte here is sent to every visitor of every page that embeds it: keep it under 1 KB
 * gzipped (a test measures it).
 */

interface Visit {
  count: number;
  counted: boolean;
}

const script = document.currentScript as HTMLScriptElement | null;
const data = script?.dataset ?? {};
// The API is where the script came from (with the stage prefix on AWS, e.g. /pro/counter.js).
const base = script?.src || location.href;

const optedOut = () =>
  (navigator as { globalPrivacyControl?: boolean }).globalPrivacyControl === true ||
  navigator.doNotTrack === '1';

function visit(counter: string, key: string, api = base, show = true): Promise<Visit | void> {
  const url = new URL(`visits/${counter}`, api).href;
  const body = JSON.stringify(optedOut() ? { key, optOut: true } : { key });
  // A string body is sent as text/plain: a CORS simple request.
  if (!show) return Promise.resolve(void (optedOut() || navigator.sendBeacon(url, body)));
  return fetch(url, { method: 'POST', body, keepalive: true }).then((res) =>
    res.ok ? res.json() : Promise.reject(new Error(`visits: ${res.status}`)),
  );
}

class ShutterCounterElement extends HTMLElement {
  declare count: number | undefined;
  connectedCallback() {
    const attr = (name: string) => this.getAttribute(name) ?? undefined;
    void visit(attr('counter') ?? 'default', attr('key') ?? '', attr('api')).then((result) => {
      if (!result) return;
      this.count = result.count;
      this.textContent = String(result.count);
      this.dispatchEvent(new CustomEvent('shutter-count', { detail: result, bubbles: true }));
    });
  }
}
if (!customElements.get('shutter-counter'))
  customElements.define('shutter-counter', ShutterCounterElement);

function count(counter = data.counter ?? 'default') {
  return visit(counter, data.key ?? '', base, data.show !== 'false').then((result) => {
    if (!result) return;
    let targets = document.querySelectorAll('[data-shutter-count]');
    if (targets.length === 0 && script) {
      const span = document.createElement('span');
      span.setAttribute('data-shutter-count', '');
      script.after(span);
      targets = document.querySelectorAll('[data-shutter-count]');
    }
    targets.forEach((el) => (el.textContent = String(result.count)));
  });
}

(window as unknown as { ShutterCounter: object }).ShutterCounter = { count };

if (data.counter) {
  void count();
  if (data.spa !== undefined) {
    const push = history.pushState;
    history.pushState = function (...args) {
      push.apply(this, args);
      void count();
    };
    addEventListener('popstate', () => void count());
  }
}
