/** One load scenario: a request autocannon repeats against the running server. */
export interface Scenario {
  name: string;
  method: 'GET' | 'POST';
  path: string;
  headers?: Record<string, string>;
  /** The status every response must have; anything else is counted as an error. */
  expectStatus: number;
}

export interface ScenarioContext {
  apiKey: string;
}

/** The scenarios, in the order they run. */
export function scenarios({ apiKey }: ScenarioContext): Scenario[] {
  return [
    {
      name: 'POST /visits/default',
      method: 'POST',
      path: '/visits/default',
      headers: { 'x-api-key': apiKey },
      expectStatus: 200,
    },
    {
      name: 'GET /visits/default',
      method: 'GET',
      path: '/visits/default',
      headers: { 'x-api-key': apiKey },
      expectStatus: 200,
    },
    { name: 'GET /health', method: 'GET', path: '/health', expectStatus: 200 },
  ];
}
