import {
  OpenApiGeneratorV31,
  OpenAPIRegistry,
  type RouteConfig as DocumentedRoute,
} from '@asteasolutions/zod-to-openapi';
import type { ZodType } from 'zod';
import type { MediaTypeConfig, RouteConfig } from '../route-config.js';
import type { Router } from '../router.js';
import { createClassicConverter } from './classic-schema.js';
import { ProblemSchema } from '../schemas/problem-schema.js';
import { addStandardProblems, type OperationLike } from './standard-problems.js';

export const API_VERSION = '0.1.0';

const DESCRIPTION = `The backend of RandomCameraReviews: the public content API, the editors’ reviews, accounts and the visitor counter.

- **Errors** are always \`application/problem+json\` (RFC 9457) with \`type\`, \`title\`, \`status\`, \`detail\`, \`instance\`, \`requestId\` and, for invalid input, \`errors[]\` naming each field. Every operation documents the problems it can answer: 400 when it takes input, 401 when it needs credentials, 404 when its path names something, 413 when its method can carry a body, 415 when it takes one, 500 always, 503 when it reaches a store, plus its own (403, 409, 412, 428, 429).
- **Unknown paths** answer 404; a known path with a method it does not serve answers **405** with \`Allow\` (no operation can document that, since it is the answer for the operations that do not exist).
- **Credentials**: editors and admins send \`Authorization: Bearer <accessToken>\` from \`POST /auth/login\`; the visitor counter takes an \`x-api-key\` header.
- **Caching**: \`/content\` answers carry a strong \`ETag\` and \`Cache-Control: public, max-age=60, s-maxage=300, stale-while-revalidate=600\`, and a \`304\` for a matching \`If-None-Match\`. Authenticated answers are \`private, no-store\`.
- **Concurrency**: review writes need \`If-Match\` with the review's ETag (\`"v{version}"\`): 428 without it, 412 when stale.
- **On AWS** every path is served under its stage prefix (\`/dev\`, \`/pre\`, \`/pro\`).`;

const TAGS = [
  { name: 'Content', description: 'Public, cacheable reads of published reviews. No credentials.' },
  { name: 'Reviews', description: 'Editors write reviews; every change carries `If-Match`.' },
  {
    name: 'Images',
    description:
      'Photos of a review: an S3-shaped upload, then variants in AVIF, WebP and JPEG with the EXIF readers care about.',
  },
  { name: 'Accounts', description: 'Logging in, tokens and the signed-in user.' },
  { name: 'Users', description: 'Account administration (admins only).' },
  { name: 'API keys', description: 'Visitor-counter keys (admins only).' },
  { name: 'Visitor counter', description: 'Atomic visit counts with an `x-api-key`.' },
  { name: 'Operations', description: 'Health, this document and the interactive reference.' },
  {
    name: 'Reader site',
    description: 'Server-rendered HTML pages for readers, the sitemap, the feed and robots.txt.',
  },
];

/** A route's declaration with every zod schema in it as zod-to-openapi reads them (classic). */
function documentedRoute(classicOf: <S>(schema: S) => S) {
  const media = (content: Record<string, MediaTypeConfig> | undefined) =>
    content &&
    Object.fromEntries(
      Object.entries(content).map(([type, m]) => [type, { ...m, schema: classicOf(m.schema) }]),
    );
  return (route: RouteConfig): DocumentedRoute => {
    const { request, responses } = route;
    return {
      ...route,
      ...(request && {
        request: {
          ...request,
          params: classicOf(request.params),
          query: classicOf(request.query),
          headers: classicOf(request.headers),
          cookies: classicOf(request.cookies),
          ...(request.body && { body: { ...request.body, content: media(request.body.content) } }),
        },
      }),
      responses: Object.fromEntries(
        Object.entries(responses ?? {}).map(([status, r]) => [
          status,
          { ...r, content: media(r.content) },
        ]),
      ),
    } as DocumentedRoute;
  };
}

/**
 * The OpenAPI 3.1 document of `app`, generated from the zod schemas its routes validate with
 * (their text is zod's own `.meta()`), completed with the problem responses every operation can
 * give by its shape (see `standard-problems.ts`). Only the process that serves the document
 * imports this module and zod-to-openapi: no Lambda does (`npm run bench:bundles`).
 */
export function buildOpenApiDocument(app: Pick<Router, 'records'>) {
  const registry = new OpenAPIRegistry();
  const classicOf = createClassicConverter();
  const documented = documentedRoute(classicOf);
  for (const record of app.records) {
    if (record.type === 'route') registry.registerPath(documented(record.route));
    // A security scheme, as the route module wrote it (typed there as the OpenAPI object it is).
    else registry.registerComponent(record.componentType, record.name, record.component as never);
  }
  // Referenced by the standard problems even if no route named it. Its name is its own
  // (`.meta({ id })`): the registry's `register` would call zod-to-openapi's `.openapi()`, which
  // only schemas built after `extendZodWithOpenApi` have, and this app never extends zod.
  const definitions = [
    ...registry.definitions,
    // A classic copy at run time; typed as one, since ProblemSchema is written with zod/mini.
    { type: 'schema' as const, schema: classicOf(ProblemSchema) as unknown as ZodType },
  ];
  const document = new OpenApiGeneratorV31(definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'Shutter API',
      version: API_VERSION,
      description: DESCRIPTION,
    },
    servers: [{ url: '/', description: 'This server (on AWS, add the stage: /dev, /pre, /pro)' }],
    tags: TAGS,
  });
  addStandardProblems(
    (document.paths ?? {}) as Record<string, Partial<Record<string, OperationLike>>>,
  );
  return document;
}
