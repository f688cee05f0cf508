/**
 * Request and response examples for the OpenAPI document. They are checked against the
 * documented schemas by the tests, so they cannot drift from what the API accepts and returns.
 */

const camera = {
  brand: 'Fujifilm',
  model: 'X100VI',
  type: 'compact',
  sensor: 'aps-c',
  megapixels: 40.2,
  releaseYear: 2024,
  priceUsd: 1599,
  mount: 'fixed',
} as const;

const scores = { imageQuality: 9, autofocus: 7.5, video: 7, ergonomics: 8.5, value: 7 };

/** Long enough for the publish checklist (150 words), so the examples can be published. */
const paragraphs = [
  'Small, quiet and fast to use: the dials for shutter speed, ISO and exposure compensation sit where your thumb expects them, and the hybrid finder switches from an optical window to an electronic view with a lever at the front. Start-up is instant.',
  'The 40 MP sensor resolves more than the fixed 23 mm f/2 lens can show wide open at close range, so portraits look soft at the edges while street scenes stopped down to f/5.6 are sharp from corner to corner. Film simulations give pleasing skin tones straight out of the camera, and the files take heavy edits without breaking up.',
  'In-body stabilisation finally arrives, at the cost of a little weight and battery life. Carry a spare, and this is still the most enjoyable camera to take everywhere, every day, if you can find one in stock at its list price.',
];

const body = [
  '## Handling',
  '',
  paragraphs[0],
  '',
  '- Exposure dials',
  '- Hybrid finder',
  '',
  '## Image quality',
  '',
  paragraphs[1],
  '',
  '## Verdict',
  '',
  paragraphs[2],
].join('\n');

export const newReviewExample = {
  camera,
  title: 'Fujifilm X100VI review: the pocket classic, sharper',
  summary: 'Forty megapixels and in-body stabilisation in the camera street photographers carry.',
  body,
  rating: 8.5,
  scores,
  pros: ['Sharp 40 MP sensor', 'Stabilised at last'],
  cons: ['Battery life'],
  status: 'draft',
};

export const reviewExample = {
  id: 'rev_3f9a1c0d5e7b2a64',
  slug: 'fujifilm-x100vi-review-the-pocket-classic-sharper',
  ...newReviewExample,
  authorId: 'usr_5f0c2a9d41b7e3c8',
  createdAt: '2026-11-21T12:00:00.000Z',
  updatedAt: '2026-11-21T12:00:00.000Z',
  publishedAt: null,
  publishAt: null,
  scheduleError: null,
  slugHistory: [],
  version: 1,
};

export const publishedReviewExample = {
  ...reviewExample,
  status: 'published',
  updatedAt: '2026-11-21T12:05:00.000Z',
  publishedAt: '2026-11-21T12:05:00.000Z',
  version: 2,
};

const summary = {
  slug: reviewExample.slug,
  title: reviewExample.title,
  summary: reviewExample.summary,
  camera,
  rating: 8.5,
  scores,
  publishedAt: '2026-11-21T12:05:00.000Z',
  updatedAt: '2026-11-21T12:05:00.000Z',
  author: { name: 'Ana Lima' },
};

export const contentPageExample = {
  items: [summary],
  total: 1,
  facets: {
    brands: [{ value: 'Fujifilm', count: 1 }],
    types: [{ value: 'compact', count: 1 }],
    sensors: [{ value: 'aps-c', count: 1 }],
  },
  nextCursor: null,
};

export const contentDetailExample = {
  ...summary,
  pros: newReviewExample.pros,
  cons: newReviewExample.cons,
  body: newReviewExample.body,
  html: [
    '<h2>Handling</h2>',
    `<p>${paragraphs[0]}</p>`,
    '<ul>',
    '<li>Exposure dials</li>',
    '<li>Hybrid finder</li>',
    '</ul>',
    '<h2>Image quality</h2>',
    `<p>${paragraphs[1]}</p>`,
    '<h2>Verdict</h2>',
    `<p>${paragraphs[2]}</p>`,
    '',
  ].join('\n'),
};

const user = {
  id: 'usr_5f0c2a9d41b7e3c8',
  email: 'ana@example.com',
  name: 'Ana Lima',
  role: 'editor',
  status: 'active',
  createdAt: '2026-11-21T12:00:00.000Z',
  updatedAt: '2026-11-21T12:00:00.000Z',
  lastLoginAt: '2026-11-21T12:00:00.000Z',
};

export const loginExample = { email: 'ana@example.com', password: 'correct horse battery staple' };

export const tokenPairExample = {
  accessToken: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1c3JfNWYwYzJhOWQ0MWI3ZTNjOCJ9.c2lnbmF0dXJl',
  tokenType: 'Bearer',
  expiresIn: 900,
  refreshToken: 'shr_Qm9yZWQ_YmFzZTY0dXJsX3Rva2Vu',
  refreshExpiresIn: 2_592_000,
  user,
};

export const createUserExample = { email: 'ana@example.com', name: 'Ana Lima', role: 'editor' };

export const createdUserExample = { ...user, lastLoginAt: null, password: 'pW7-vq3x-Kd9m-Tz2r' };

export const createApiKeyExample = {
  name: 'portfolio site',
  scope: ['default', 'review-*'],
  rateLimit: { perSecond: 5, burst: 20 },
};

export const createdApiKeyExample = {
  id: 'key_3f9a1c0d2b4e6f78',
  name: 'portfolio site',
  scope: ['default', 'review-*'],
  prefix: 'shk_Xy12ab',
  rateLimit: { perSecond: 5, burst: 20 },
  createdAt: '2026-11-21T12:00:00.000Z',
  revokedAt: null,
  lastUsedAt: null,
  key: 'shk_Xy12abQm9yZWRfYmFzZTY0dXJsX2tleQ',
};

export const visitExample = {
  id: 'default',
  count: 1234,
  today: { date: '2026-11-21', count: 42, uniqueVisitors: 17 },
  counted: true,
};
