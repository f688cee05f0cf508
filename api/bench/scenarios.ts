/** One load scenario: a request autocannon repeats against the running server. */
export interface Scenario {
  name: string;
  method: 'GET' | 'POST';
  path: string;
  headers?: Record<string, string>;
  /** The status every response must have; anything else is counted as an error. */
  expectStatus: number;
  /** The lowest acceptable req/s as a fraction of the node:http floor (issue 14), if any. */
  target?: number;
  /** Whether the p99 at the bench's connections must stay under 5 ms (content reads). */
  p99Under5ms?: boolean;
}

/** What the scenarios need from the server under test, found before measuring. */
export interface ScenarioContext {
  apiKey: string;
  /** A published review's slug and the ETag of its `/content/{slug}` response. */
  slug: string;
  etag: string;
  /** Two published slugs for `/content/compare`. */
  compareSlugs: [string, string];
}

/** The counter's scenarios, run once: they do not depend on how many reviews there are. */
export function counterScenarios({ apiKey }: ScenarioContext): Scenario[] {
  const headers = { 'x-api-key': apiKey };
  return [
    {
      name: 'POST /visits/default',
      method: 'POST',
      path: '/visits/default',
      headers,
      expectStatus: 200,
      target: 0.35,
    },
    {
      name: 'GET /visits/default',
      method: 'GET',
      path: '/visits/default',
      headers,
      expectStatus: 200,
      target: 0.4,
    },
  ];
}

/** The public content API's scenarios, run with the demo data and with many reviews. */
export function contentScenarios({ slug, etag, compareSlugs }: ScenarioContext): Scenario[] {
  const content = { expectStatus: 200, p99Under5ms: true, method: 'GET' as const };
  return [
    { ...content, name: 'GET /content', path: '/content', target: 0.45 },
    { ...content, name: 'GET /content/{slug}', path: `/content/${slug}`, target: 0.6 },
    {
      ...content,
      name: 'GET /content/{slug} → 304',
      path: `/content/${slug}`,
      headers: { 'if-none-match': etag },
      expectStatus: 304,
      target: 0.65,
    },
    {
      ...content,
      name: 'GET /content?q=autofocus',
      path: '/content?q=autofocus&sort=rating',
      target: 0.45,
    },
    {
      ...content,
      name: 'GET /content/compare',
      path: `/content/compare?slugs=${compareSlugs.join(',')}`,
      target: 0.45,
    },
  ];
}
