import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { createMemoryStores } from '../../src/adapters/memory/create-memory-stores.js';
import { createApp } from '../../src/http/create-app.js';
import { ALL_CONTROLLERS } from '../../src/http/controllers.js';
import { createServices } from '../../src/services/create-services.js';
import { createTestClock } from './clock.js';
import { createCapturingLogger } from './silent-logger.js';

export interface MediaType {
  schema?: unknown;
  example?: unknown;
  examples?: Record<string, { value?: unknown }>;
}
export interface ResponseObject {
  description: string;
  headers?: Record<string, unknown>;
  content?: Record<string, MediaType>;
}
export interface Operation {
  operationId?: string;
  tags?: string[];
  security?: Array<Record<string, string[]>>;
  parameters?: Array<{ name: string; in: string; required?: boolean; schema?: unknown }>;
  requestBody?: { required?: boolean; content: Record<string, MediaType> };
  responses: Record<string, ResponseObject>;
}
export interface OpenApiDocument {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
  components: {
    schemas: Record<string, unknown>;
    securitySchemes: Record<string, { type: string; scheme?: string; in?: string; name?: string }>;
  };
}

export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'] as const;

/** Every operation of the document as `[METHOD, path, operation]`. */
export function operationsOf(doc: OpenApiDocument): Array<[string, string, Operation]> {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    HTTP_METHODS.filter((m) => item[m]).map(
      (m) => [m.toUpperCase(), path, item[m]!] as [string, string, Operation],
    ),
  );
}

/** Routes deliberately left out of the document, each with the reason. */
export const UNDOCUMENTED_ROUTES: Record<string, string> = {
  'GET /docs/assets/{file}':
    "Swagger UI's files for the /docs page: content-hashed names that change with each release, not part of the API",
  'GET /assets/{file}':
    "The reader pages' stylesheet, script and icon: content-hashed names that change with each release, not part of the API",
};

let documentPromise: Promise<OpenApiDocument> | undefined;

/**
 * The document exactly as `GET /openapi.json` serves it, from an app with every controller
 * (memory stores: the document does not depend on the store). Built once per test process.
 */
export function loadOpenApiDocument(): Promise<OpenApiDocument> {
  documentPromise ??= (async () => {
    const app = createApp(createServices(createMemoryStores(), createTestClock()), {
      controllers: ALL_CONTROLLERS,
      logger: createCapturingLogger(),
      corsOrigins: ['*'],
      bodyLimitBytes: 1_048_576,
    });
    const res = await app.request('/openapi.json');
    if (res.status !== 200) throw new Error(`/openapi.json answered ${res.status}`);
    return (await res.json()) as OpenApiDocument;
  })();
  return documentPromise;
}

const escapePointer = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');

/** `/content/{slug}` → a pattern matching `/content/sony-a7-iv-review`. */
function templatePattern(template: string): RegExp {
  const source = template
    .split('/')
    .map((part) =>
      /^\{[^}]+\}$/.test(part) ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
    )
    .join('/');
  return new RegExp(`^${source}$`);
}

export interface ResponseRecord {
  method: string;
  path: string;
  status: number;
  contentType: string | null;
  body: string;
}

export interface ResponseCheck {
  /** The operation's path template, or undefined for a request no operation serves. */
  operation?: { method: string; path: string };
  problems: string[];
}

/**
 * Checks real responses against the document: the status must be documented for the
 * operation, the media type must be one it lists, and the body must match that media type's
 * schema (JSON Schema 2020-12, as OpenAPI 3.1 uses). Requests that no operation serves may only
 * get a 404 or 405 problem.
 */
export interface ResponseValidator {
  check(record: ResponseRecord): ResponseCheck;
  /** `METHOD path status` of every documented response, for coverage reports. */
  documentedResponses(): string[];
}

type SchemaNode = Record<string, unknown>;
const isNode = (value: unknown): value is SchemaNode =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * A copy of the document whose object schemas refuse properties they do not list
 * (`unevaluatedProperties: false`), so that a response carrying an undocumented field fails the
 * check. The document itself stays open, as response schemas should for clients. A schema used
 * as an `allOf` branch (zod's `.extend()`) is closed by the `allOf` around it instead, so each
 * component also gets an open twin under `components.openSchemas`.
 */
export function closeObjectSchemas(doc: OpenApiDocument): OpenApiDocument {
  const copy = structuredClone(doc) as OpenApiDocument & {
    components: { openSchemas?: Record<string, unknown> };
  };
  const close = (node: unknown, asBranch = false): unknown => {
    if (Array.isArray(node)) return node.map((item) => close(item));
    if (!isNode(node)) return node;
    const out: SchemaNode = {};
    for (const [key, value] of Object.entries(node)) {
      if (key === 'allOf' && Array.isArray(value)) {
        out.allOf = value.map((branch: unknown) => {
          if (isNode(branch) && typeof branch.$ref === 'string') {
            return {
              $ref: branch.$ref.replace('/components/schemas/', '/components/openSchemas/'),
            };
          }
          return close(branch, true);
        });
      } else if (key === 'example' || key === 'examples') {
        out[key] = value;
      } else {
        out[key] = close(value);
      }
    }
    const open = 'additionalProperties' in node || 'unevaluatedProperties' in node;
    if (!asBranch && !open && ('properties' in node || 'allOf' in node)) {
      out.unevaluatedProperties = false;
    }
    return out;
  };
  const schemas = copy.components.schemas;
  copy.components.openSchemas = Object.fromEntries(
    Object.entries(schemas).map(([name, schema]) => [name, close(schema, true)]),
  );
  copy.components.schemas = Object.fromEntries(
    Object.entries(schemas).map(([name, schema]) => [name, close(schema)]),
  );
  copy.paths = close(doc.paths) as OpenApiDocument['paths'];
  return copy;
}

export function createResponseValidator(doc: OpenApiDocument): ResponseValidator {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats.default(ajv);
  ajv.addSchema(closeObjectSchemas(doc), 'openapi.json');
  const compiled = new Map<string, ValidateFunction>();
  const validatorAt = (pointer: string) => {
    let validate = compiled.get(pointer);
    if (!validate) {
      validate = ajv.compile({ $ref: `openapi.json#${pointer}` });
      compiled.set(pointer, validate);
    }
    return validate;
  };
  // Static paths first, so /content/compare is not taken for /content/{slug}.
  const templates = Object.keys(doc.paths)
    .sort((a, b) => (a.includes('{') ? 1 : 0) - (b.includes('{') ? 1 : 0))
    .map((path) => ({ path, pattern: templatePattern(path) }));

  const problemValidator = () => validatorAt('/components/schemas/Problem');

  function check(record: ResponseRecord): ResponseCheck {
    const problems: string[] = [];
    const method = record.method.toUpperCase();
    const lookup = method === 'HEAD' ? 'get' : method.toLowerCase();
    const mediaType = record.contentType?.split(';')[0]!.trim().toLowerCase() ?? null;
    const label = `${method} ${record.path} → ${record.status}`;
    if (method === 'OPTIONS') return { problems }; // CORS preflight, answered by middleware
    const template = templates.find(
      (t) => t.pattern.test(record.path) && doc.paths[t.path]![lookup],
    );
    const allowed = Object.keys(UNDOCUMENTED_ROUTES).some((route) => {
      const [routeMethod, routePath] = route.split(' ') as [string, string];
      return routeMethod.toLowerCase() === lookup && templatePattern(routePath).test(record.path);
    });
    if (!template && allowed) return { problems };
    if (!template) {
      // Not an operation: the app may only answer that it does not exist here.
      if (record.status !== 404 && record.status !== 405) {
        problems.push(`${label}: no documented operation serves this request`);
      } else if (mediaType !== 'application/problem+json') {
        problems.push(`${label}: expected application/problem+json, got ${mediaType}`);
      } else if (!problemValidator()(JSON.parse(record.body))) {
        problems.push(`${label}: ${ajv.errorsText(problemValidator().errors)}`);
      }
      return { problems };
    }
    const operation = doc.paths[template.path]![lookup]!;
    const found = { method: lookup.toUpperCase(), path: template.path };
    const response = operation.responses[String(record.status)] ?? operation.responses.default;
    if (!response) {
      problems.push(
        `${label}: status not documented for ${found.method} ${found.path} (documented: ${Object.keys(operation.responses).join(', ')})`,
      );
      return { operation: found, problems };
    }
    const content = response.content ?? {};
    if (Object.keys(content).length === 0 || method === 'HEAD') {
      if (record.body.length > 0 && method !== 'HEAD') {
        problems.push(`${label}: documented without a body, but has one`);
      }
      return { operation: found, problems };
    }
    if (!mediaType || !content[mediaType]) {
      problems.push(
        `${label}: media type ${mediaType} is not documented (${Object.keys(content).join(', ')})`,
      );
      return { operation: found, problems };
    }
    if (!/json/.test(mediaType)) {
      if (record.body.length === 0) problems.push(`${label}: empty ${mediaType} body`);
      return { operation: found, problems };
    }
    let body: unknown;
    try {
      body = JSON.parse(record.body);
    } catch {
      problems.push(`${label}: body is not JSON`);
      return { operation: found, problems };
    }
    const pointer = [
      'paths',
      template.path,
      lookup,
      'responses',
      String(record.status),
      'content',
      mediaType,
      'schema',
    ]
      .map((part) => encodeURIComponent(escapePointer(part)))
      .join('/');
    const validate = validatorAt(`/${pointer}`);
    if (!validate(body)) {
      problems.push(`${label}: body does not match the schema: ${ajv.errorsText(validate.errors)}`);
    }
    return { operation: found, problems };
  }

  return {
    check,
    documentedResponses: () =>
      operationsOf(doc).flatMap(([method, path, op]) =>
        Object.keys(op.responses).map((status) => `${method} ${path} ${status}`),
      ),
  };
}

let sharedValidator: Promise<ResponseValidator> | undefined;

/** One validator per test process, over the served document. */
export function sharedResponseValidator(): Promise<ResponseValidator> {
  sharedValidator ??= loadOpenApiDocument().then(createResponseValidator);
  return sharedValidator;
}

/** `METHOD template status` of every response checked in this test process. */
export const exercisedResponses = new Set<string>();

/**
 * Checks a response against the document and throws, naming every mismatch, when it does not
 * conform. The response itself is returned untouched (its body is read from a clone).
 */
export async function assertDocumentedResponse(
  method: string,
  url: string,
  response: Response,
): Promise<ResponseCheck> {
  const validator = await sharedResponseValidator();
  const result = validator.check({
    method,
    path: new URL(url, 'http://localhost').pathname,
    status: response.status,
    contentType: response.headers.get('content-type'),
    body: await response.clone().text(),
  });
  if (result.operation) {
    exercisedResponses.add(
      `${result.operation.method} ${result.operation.path} ${response.status}`,
    );
  }
  if (result.problems.length > 0) {
    throw new Error(`Response does not match the OpenAPI document:\n${result.problems.join('\n')}`);
  }
  return result;
}
