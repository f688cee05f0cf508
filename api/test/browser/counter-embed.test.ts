import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, BrowserContextOptions, Page, Request } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, recordPageActivity, type ChromiumSession } from '../support/browser.js';
import { startPageServer, type PageServer } from '../support/page-server.js';
import {
  REPO_ROOT,
  runCli,
  startServerProcess,
  tempDataDir,
  type ServerProcess,
} from '../support/server-process.js';

/**
 * `/counter.js` as a reader's browser meets it: on a page from another origin, with Global Privacy
 * Control on, and as the `<shutter-counter>` element. Each test keeps a screenshot under
 * test-artifacts/ (gitignored; CI keeps it as an artifact).
 */

const ARTIFACTS = join(REPO_ROOT, 'test-artifacts');
/** A desktop Chrome's agent: headless Chromium's own says "HeadlessChrome", which isbot skips. */
const READER_AGENT =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';

const dataDir = tempDataDir();
let api: ServerProcess | undefined;
let site: PageServer | undefined;
let chromium: ChromiumSession | undefined;
let key: string;

beforeAll(async () => {
  site = await startPageServer();
  await Promise.all([
    startServerProcess({ SHUTTER_DATA_DIR: dataDir, SHUTTER_DEMO: '0' }).then((s) => (api = s)),
    launchChromium().then((c) => (chromium = c)),
  ]);
  const created = runCli(
    'api/src/local/keys-cli.ts',
    ['create', '--name', 'embed', '--scope', 'default,blog', '--json'],
    { SHUTTER_DATA_DIR: dataDir },
  );
  expect(created.status).toBe(0);
  key = (JSON.parse(created.stdout) as { key: string }).key;
  mkdirSync(ARTIFACTS, { recursive: true });
});

afterAll(async () => {
  await chromium?.close();
  if (api && api.child.exitCode === null) {
    api.child.kill('SIGTERM');
    await api.exited;
  }
  await site?.close();
});

let context: BrowserContext | undefined;
afterEach(async () => {
  await context?.close();
  context = undefined;
});

/** A reader's browser: a desktop agent, every request it sends kept in order. */
async function openReader(options: BrowserContextOptions = {}) {
  context = await chromium!.browser.newContext({ userAgent: READER_AGENT, ...options });
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  const activity = await recordPageActivity(context, page);
  const sent: Request[] = [];
  page.on('request', (request) => sent.push(request));
  return { page, activity, sent };
}

/**
 * The preflights the API answered since `from` (an offset in its stdout), from its access log:
 * Chromium does not report a CORS preflight as a page request, so the server is the witness.
 */
function preflightsSince(from: number): string[] {
  return api!
    .stdout()
    .slice(from)
    .split('\n')
    .filter((line) => line.includes('"method":"OPTIONS"'));
}

/** The counter as the server has it, read without counting. */
async function storedCount(id = 'default'): Promise<number> {
  const res = await fetch(`${api!.url}/visits/${id}`, { headers: { 'x-api-key': key } });
  if (res.status === 404) return 0;
  return ((await res.json()) as { count: number }).count;
}

const scriptPage = (extra = '') => `<!doctype html><html><head><title>My page</title></head>
<body><p>Visitors: <span data-shutter-count>…</span></p>
<script src="${api!.url}/counter.js" data-counter="default" data-key="${key}" ${extra} defer></script>
</body></html>`;

function visitOf(page: Page, id = 'default') {
  return page.waitForResponse(
    (res) => res.url() === `${api!.url}/visits/${id}` && res.request().method() === 'POST',
  );
}

describe('/counter.js on a page from another origin', () => {
  it('counts and shows the total with a simple request: no preflight in the network log', async () => {
    const before = await storedCount();
    const logFrom = api!.stdout().length;
    const { page, activity, sent } = await openReader();
    const url = site!.serve('/embed.html', scriptPage());
    const visit = visitOf(page);
    await page.goto(url);
    const res = await visit;

    expect(res.status()).toBe(200);
    expect(await res.request().headerValue('origin')).toBe(site!.origin);
    expect(await res.request().headerValue('content-type')).toBe('text/plain;charset=UTF-8');
    expect(await res.request().headerValue('x-api-key')).toBeNull();
    const body = (await res.json()) as { count: number; counted: boolean };
    expect(body).toMatchObject({ count: before + 1, counted: true });
    await expect
      .poll(() => page.locator('[data-shutter-count]').textContent())
      .toBe(String(before + 1));
    expect(await storedCount()).toBe(before + 1);

    const toApi = sent.filter((r) => r.url().startsWith(api!.url));
    expect(toApi.map((r) => `${r.method()} ${new URL(r.url()).pathname}`)).toEqual([
      'GET /counter.js',
      'POST /visits/default',
    ]);
    expect(sent.filter((r) => r.method() === 'OPTIONS')).toEqual([]);
    expect(preflightsSince(logFrom)).toEqual([]);
    expect(activity.consoleErrors).toEqual([]);
    expect(activity.pageErrors).toEqual([]);
    await page.screenshot({ path: join(ARTIFACTS, 'counter-embed-script.png') });
  });

  it('(the witness works: a fetch with an x-api-key header is preflighted)', async () => {
    const logFrom = api!.stdout().length;
    const { page } = await openReader();
    await page.goto(site!.serve('/header.html', '<!doctype html><title>h</title>'));
    const status = await page.evaluate(
      ([url, k]) =>
        fetch(url!, { method: 'POST', headers: { 'x-api-key': k! } }).then((r) => r.status),
      [`${api!.url}/visits/default`, key],
    );
    expect(status).toBe(200);
    await expect.poll(() => preflightsSince(logFrom).length).toBe(1);
  });

  it('sends a beacon when the count need not be shown, and counts SPA navigations', async () => {
    const before = await storedCount();
    const { page, sent } = await openReader();
    await page.goto(site!.serve('/beacon.html', scriptPage('data-show="false" data-spa')));
    await expect.poll(() => storedCount()).toBe(before + 1);
    const beacon = sent.find((r) => r.url() === `${api!.url}/visits/default`)!;
    expect(beacon.resourceType()).toBe('ping');
    expect(await page.locator('[data-shutter-count]').textContent()).toBe('…');

    await page.evaluate(() => history.pushState({}, '', '/beacon.html?page=2'));
    await expect.poll(() => storedCount()).toBe(before + 2);
    expect(sent.filter((r) => r.method() === 'OPTIONS')).toEqual([]);
  });

  it('counts nothing with Global Privacy Control on, and still shows the total', async () => {
    const before = await storedCount();
    const { page, activity, sent } = await openReader({ extraHTTPHeaders: { 'Sec-GPC': '1' } });
    await page.addInitScript(() =>
      Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true }),
    );
    const visit = visitOf(page);
    await page.goto(site!.serve('/gpc.html', scriptPage()));
    const res = await visit;

    expect(await res.request().headerValue('sec-gpc')).toBe('1');
    expect(res.request().postDataJSON()).toEqual({ key, optOut: true });
    expect(await res.json()).toMatchObject({ count: before, counted: false });
    await expect
      .poll(() => page.locator('[data-shutter-count]').textContent())
      .toBe(String(before));
    expect(await storedCount()).toBe(before);
    expect(activity.pageErrors).toEqual([]);
    expect(sent.filter((r) => r.method() === 'OPTIONS')).toEqual([]);
    await page.screenshot({ path: join(ARTIFACTS, 'counter-embed-gpc.png') });
  });

  it('works as the <shutter-counter> custom element: text, count property, event', async () => {
    const before = await storedCount('blog');
    const { page, activity } = await openReader();
    const html = `<!doctype html><html><head><title>Element</title>
<script src="${api!.url}/counter.js" defer></script></head>
<body><p>Blog readers: <shutter-counter counter="blog" key="${key}">…</shutter-counter></p>
<script>
  document.addEventListener('shutter-count', (e) => { window.seen = e.detail; });
</script></body></html>`;
    const visit = visitOf(page, 'blog');
    await page.goto(site!.serve('/element.html', html));
    expect((await visit).status()).toBe(200);

    const element = page.locator('shutter-counter');
    await expect.poll(() => element.textContent()).toBe(String(before + 1));
    expect(await element.evaluate((el) => (el as HTMLElement & { count: number }).count)).toBe(
      before + 1,
    );
    expect(await page.evaluate(() => (window as unknown as { seen: unknown }).seen)).toEqual({
      id: 'blog',
      count: before + 1,
      today: expect.objectContaining({ count: expect.any(Number) }),
      counted: true,
    });
    expect(await storedCount('blog')).toBe(before + 1);
    expect(activity.pageErrors).toEqual([]);
    await page.screenshot({ path: join(ARTIFACTS, 'counter-embed-element.png') });
  });
});
