import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  chromium,
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  type Page,
} from 'playwright-core';

/** Debian's Chromium, the only browser the tests drive: nothing is ever downloaded. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

/** As root; otherwise prefix each apt-get with sudo. */
export const CHROMIUM_INSTALL_COMMAND = 'apt-get update && apt-get install -y chromium';

/** The project's launch flags, and nothing else besides headless mode and the profile. */
export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
] as const;

export interface ChromiumSession {
  browser: Browser;
  /** Closes the browser and deletes its profile. */
  close(): Promise<void>;
}

/**
 * Starts headless Chromium on a fresh, empty profile. A missing browser is an error, never a
 * skip: `npm test` must run every test, and CI must fail loudly when it did not install Chromium.
 */
export async function launchChromium(): Promise<ChromiumSession> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `The browser tests need Debian's Chromium at ${CHROMIUM_PATH}, which is missing. ` +
        `Install it with: ${CHROMIUM_INSTALL_COMMAND} (as root, or with sudo)`,
    );
  }
  const profile = mkdtempSync(join(tmpdir(), 'shutter-chromium-'));
  try {
    // Playwright's own default switches are left out so the browser runs with exactly the
    // project's flags; the pipe is how Playwright talks to it.
    const browser = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      ignoreDefaultArgs: true,
      args: [
        '--headless',
        '--remote-debugging-pipe',
        `--user-data-dir=${profile}`,
        ...CHROMIUM_FLAGS,
      ],
      timeout: 30_000,
    });
    return {
      browser,
      close: async () => {
        await browser.close();
        rmSync(profile, { recursive: true, force: true });
      },
    };
  } catch (error) {
    rmSync(profile, { recursive: true, force: true });
    throw error;
  }
}

export interface CspViolation {
  directive: string;
  blockedURI: string;
}

export interface PageActivity {
  /** Console messages of type `error`, with where they came from. */
  consoleErrors: string[];
  /** Uncaught exceptions and unhandled rejections in the page. */
  pageErrors: string[];
  /** Every URL the context requested, in order. */
  requests: string[];
  /** What the page's `securitypolicyviolation` events reported so far. */
  cspViolations(): Promise<CspViolation[]>;
}

// Injected through the DevTools protocol, so the page's own Content-Security-Policy does not apply
// to it, and it runs before any script of the page.
const CSP_LISTENER = `
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', (e) => {
  window.__cspViolations.push({ directive: e.effectiveDirective, blockedURI: e.blockedURI });
});
`;

/** Records what a page does that a test may want to forbid: errors, requests, CSP violations. */
export async function recordPageActivity(
  context: BrowserContext,
  page: Page,
): Promise<PageActivity> {
  const activity = {
    consoleErrors: [] as string[],
    pageErrors: [] as string[],
    requests: [] as string[],
  };
  await context.addInitScript({ content: CSP_LISTENER });
  context.on('request', (request) => activity.requests.push(request.url()));
  page.on('console', (message) => {
    if (message.type() === 'error') {
      const { url, lineNumber } = message.location();
      activity.consoleErrors.push(`${message.text()} (${url}:${lineNumber})`);
    }
  });
  page.on('pageerror', (error) => activity.pageErrors.push(String(error)));
  return {
    ...activity,
    cspViolations: async () =>
      (await page.evaluate('window.__cspViolations ?? []')) as CspViolation[],
  };
}

export interface TestPage {
  context: BrowserContext;
  page: Page;
  activity: PageActivity;
}

/**
 * A desktop Chrome's agent. Headless Chromium's own says "HeadlessChrome", which the visitor
 * counter skips as a bot (isbot) when a page calls it: tests of a reader's browser use this one.
 */
export const READER_USER_AGENT =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';

/** A fresh context (no cookies, no cache) with one page whose activity is being recorded. */
export async function openTestPage(
  session: ChromiumSession,
  options: BrowserContextOptions = {},
): Promise<TestPage> {
  const context = await session.browser.newContext(options);
  // Well inside the test timeout, so a wait that never ends fails with Playwright's own message.
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  return { context, page, activity: await recordPageActivity(context, page) };
}
