/** One load scenario: a request autocannon repeats against the running server. */
export interface Scenario {
  name: string;
  method: 'GET' | 'POST';
  path: string;
  headers?: Record<string, string>;
  /** The status every response must have; anything else is counted as an error. */
  expectStatus: number;
}

/** What the scenarios need from the server under test, found before measuring. */
export interface ScenarioContext {
  apiKey: string;
  /** A published review's slug and the ETag of its `/content/{slug}` response. */
  slug: string;
  etag: string;
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
    },
    {
      name: 'GET /visits/default',
      method: 'GET',
      path: '/visits/default',
      headers,
      expectStatus: 200,
    },
  ];
}

/** The public content API's scenarios, run with the demo data and with many reviews. */
export function contentScenarios({ slug, etag }: ScenarioContext): Scenario[] {
  return [
    { name: 'GET /content', method: 'GET', path: '/content', expectStatus: 200 },
    { name: 'GET /content/{slug}', method: 'GET', path: `/content/${slug}`, expectStatus: 200 },
    {
      name: 'GET /content/{slug} → 304',
      method: 'GET',
      path: `/content/${slug}`,
      headers: { 'if-none-match': etag },
      expectStatus: 304,
    },
    {
      name: 'GET /content?q=autofocus',
      method: 'GET',
      path: '/content?q=autofocus&sort=rating',
      expectStatus: 200,
    },
  ];
}
