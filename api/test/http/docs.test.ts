import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ASSET_CACHE_CONTROL, DOCS_CONTENT_SECURITY_POLICY } from '../../src/http/routes/docs.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ controllers: ['operations', 'content'] });
});
afterAll(() => t.close());

async function page() {
  const res = await t.app.request('/docs');
  const html = await res.text();
  const assets = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
  return { res, html, assets };
}

describe('GET /docs', () => {
  it('is an HTML page under a Content-Security-Policy that allows only this origin', async () => {
    const { res, html } = await page();
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const csp = res.headers.get('content-security-policy');
    expect(csp).toBe(DOCS_CONTENT_SECURITY_POLICY);
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|https?:|\*/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('cache-control')).toBe('no-cache');
    // Nothing inline for the policy to have to allow: no inline script or style.
    expect(html).not.toMatch(/<script>|<script(?![^>]*\bsrc=)[^>]*>|<style|\sstyle=/);
  });

  it('loads every asset from this server, by relative URL (so a stage prefix keeps working)', async () => {
    const { assets } = await page();
    expect(assets.length).toBe(4);
    for (const url of assets) expect(url).toMatch(/^docs\/assets\/[a-z0-9.-]+$/);
  });

  it('serves each asset with its content type and a year-long immutable cache', async () => {
    const { assets } = await page();
    const types: Record<string, RegExp> = {
      js: /^text\/javascript; charset=utf-8$/,
      css: /^text\/css; charset=utf-8$/,
      png: /^image\/png$/,
    };
    for (const url of assets) {
      const res = await t.app.request(`/${url}`);
      expect(res.status, url).toBe(200);
      expect(res.headers.get('content-type')).toMatch(types[url.split('.').pop()!]!);
      expect(res.headers.get('cache-control')).toBe(ASSET_CACHE_CONTROL);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      const body = await res.arrayBuffer();
      expect(body.byteLength).toBeGreaterThan(100);
    }
  });

  it('points Swagger UI at this server’s document, with the online validator off', async () => {
    const { assets } = await page();
    const init = await (await t.app.request(`/${assets.find((a) => a.includes('init.'))!}`)).text();
    expect(init).toContain("new URL('openapi.json', document.baseURI)");
    expect(init).toContain('validatorUrl: null');
    const bundle = await (
      await t.app.request(`/${assets.find((a) => a.includes('swagger-ui-bundle.'))!}`)
    ).text();
    expect(bundle).toContain('SwaggerUIBundle');
    expect(bundle).not.toMatch(/sourceMappingURL=/);
  });

  it('answers 404 problems for unknown or stale asset names, and 400 for odd ones', async () => {
    const stale = await t.app.request('/docs/assets/swagger-ui.000000000000.css');
    expect(stale.status).toBe(404);
    expect(stale.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect((await t.app.request('/docs/assets/..%2Fpackage.json')).status).toBe(400);
  });
});
