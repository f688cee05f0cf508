import fc from 'fast-check';
import { withForbiddenCharacter, hostileString } from './hostile-strings.js';
import type { OpenApiDocument } from './openapi-contract.js';

/** A JSON Schema node of the OpenAPI document (only the keywords this document uses). */
export interface JsonSchema {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  allOf?: JsonSchema[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  pattern?: string;
  format?: string;
}

/** Marks a property to be removed from the body instead of set. */
export const REMOVE = Symbol('remove');

/** One way of making a body invalid: set (or remove) the value at `path`. */
export interface Mutation {
  /** Family name, e.g. `wrong-type`, `out-of-range`, `unknown-field`. */
  kind: string;
  path: string[];
  value: fc.Arbitrary<unknown>;
}

/** Resolves `$ref`s against the document's components. */
export function resolveSchema(doc: OpenApiDocument, schema: JsonSchema): JsonSchema {
  let node = schema;
  while (node.$ref) {
    const name = node.$ref.replace('#/components/schemas/', '');
    node = doc.components.schemas[name] as JsonSchema;
  }
  return node;
}

type JsonType = 'string' | 'number' | 'integer' | 'boolean' | 'null' | 'array' | 'object';

function typesOf(doc: OpenApiDocument, schema: JsonSchema): Set<JsonType> | undefined {
  const node = resolveSchema(doc, schema);
  if (node.anyOf) {
    const all = new Set<JsonType>();
    for (const branch of node.anyOf) {
      const types = typesOf(doc, branch);
      if (!types) return undefined;
      types.forEach((t) => all.add(t));
    }
    return all;
  }
  if (node.type) return new Set((Array.isArray(node.type) ? node.type : [node.type]) as JsonType[]);
  if (node.enum) {
    return new Set(node.enum.map((v) => (v === null ? 'null' : typeof v)) as JsonType[]);
  }
  if (node.properties) return new Set(['object']);
  return undefined; // `{}`: anything goes at the schema level
}

const jsonTypeOf = (value: unknown): JsonType =>
  value === null
    ? 'null'
    : Array.isArray(value)
      ? 'array'
      : typeof value === 'number'
        ? 'number'
        : (typeof value as JsonType);

/** A JSON value of some type the schema does not allow. */
function wrongType(allowed: Set<JsonType>): fc.Arbitrary<unknown> | undefined {
  const numberOk = allowed.has('number') || allowed.has('integer');
  const candidates: fc.Arbitrary<unknown>[] = [];
  if (!allowed.has('string')) candidates.push(fc.string({ maxLength: 20 }), fc.constant('8.5'));
  if (!numberOk) candidates.push(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }));
  if (!allowed.has('boolean')) candidates.push(fc.boolean());
  if (!allowed.has('null')) candidates.push(fc.constant(null));
  if (!allowed.has('array')) candidates.push(fc.array(fc.integer(), { maxLength: 3 }));
  if (!allowed.has('object')) {
    candidates.push(fc.dictionary(fc.string({ maxLength: 5 }), fc.integer(), { maxKeys: 3 }));
  }
  const arb = fc.oneof(...candidates);
  return candidates.length > 0 ? arb.filter((v) => !allowed.has(jsonTypeOf(v))) : undefined;
}

/** Every invalid variant the schema at `path` implies, recursing into objects and arrays. */
export function mutationsOf(
  doc: OpenApiDocument,
  schema: JsonSchema,
  path: string[] = [],
  options: { freeText?: (path: string[]) => string | undefined } = {},
): Mutation[] {
  const node = resolveSchema(doc, schema);
  const out: Mutation[] = [];
  const types = typesOf(doc, node);
  if (types) {
    const value = wrongType(types);
    if (value) out.push({ kind: 'wrong-type', path, value });
  }
  if (node.anyOf) {
    for (const branch of node.anyOf) {
      // A violation inside one branch keeps that branch's type, so the other branches fail too.
      out.push(...mutationsOf(doc, branch, path, options).filter((m) => m.kind !== 'wrong-type'));
    }
    return out;
  }
  if (node.enum) {
    const allowed = node.enum;
    const sameType: fc.Arbitrary<unknown> = allowed.every((v) => typeof v === 'boolean')
      ? fc.boolean()
      : fc.oneof(
          hostileString({ maxLength: 300 }),
          fc.constantFrom(...allowed.map((v) => String(v).toUpperCase()), ' ', ''),
          fc.constantFrom(...allowed.map((v) => ` ${String(v)}`)),
        );
    out.push({ kind: 'not-in-enum', path, value: sameType.filter((v) => !allowed.includes(v)) });
  }
  const isNumber = types?.has('number') || types?.has('integer');
  const integerOnly = types?.has('integer') && !types.has('number');
  const bounded = node.minimum !== undefined || node.maximum !== undefined;
  if (isNumber && (bounded || integerOnly)) {
    const ranges: fc.Arbitrary<number>[] = [];
    if (bounded) ranges.push(fc.constantFrom(1e308, -1e308));
    if (node.minimum !== undefined) {
      const min = node.minimum;
      ranges.push(fc.double({ max: min, noNaN: true, noDefaultInfinity: true, maxExcluded: true }));
      ranges.push(fc.constantFrom(min - 1, min - 0.5));
    }
    if (node.maximum !== undefined) {
      const max = node.maximum;
      ranges.push(fc.double({ min: max, noNaN: true, noDefaultInfinity: true, minExcluded: true }));
      ranges.push(fc.constantFrom(max + 1, max + 0.5));
    }
    if (integerOnly) {
      const lo = node.minimum ?? 0;
      const hi = node.maximum ?? lo + 100;
      ranges.push(fc.integer({ min: lo, max: hi - 1 }).map((n) => n + 0.5));
    }
    const valid = (n: number) =>
      (node.minimum === undefined || n >= node.minimum) &&
      (node.maximum === undefined || n <= node.maximum) &&
      (!integerOnly || Number.isInteger(n));
    out.push({ kind: 'out-of-range', path, value: fc.oneof(...ranges).filter((n) => !valid(n)) });
  }
  if (types?.has('string') && !node.enum) {
    if (node.maxLength !== undefined) {
      const max = node.maxLength;
      out.push({
        kind: 'too-long',
        path,
        value: fc
          .oneof(
            fc.integer({ min: max + 1, max: max + 20 }),
            fc.integer({ min: max + 1, max: Math.max(max * 4, 5_000) }),
          )
          .chain((n) => fc.constantFrom('x', 'é', '<', ' ').map((c) => c.repeat(n))),
      });
    }
    if (node.minLength !== undefined && node.minLength > 0) {
      out.push({
        kind: 'too-short',
        path,
        value: fc.integer({ min: 0, max: node.minLength - 1 }).map((n) => 'x'.repeat(n)),
      });
    }
    if (node.pattern) {
      const pattern = new RegExp(node.pattern, 'u');
      out.push({
        kind: 'pattern',
        path,
        value: fc
          .oneof(
            hostileString({ maxLength: 90 }),
            fc.constantFrom('Not A Slug', '-x-', 'a--b', 'AB'),
          )
          .filter((s) => !pattern.test(s)),
      });
    }
    if (node.format === 'email') {
      out.push({
        kind: 'format',
        path,
        value: fc.oneof(
          fc.constantFrom('not-an-email', '@example.com', 'a@', 'a b@example.com', 'a@@b.c'),
          hostileString({ maxLength: 200 }).filter((s) => !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(s)),
        ),
      });
    }
    const base = options.freeText?.(path);
    if (base !== undefined && !node.pattern && !node.format) {
      out.push({ kind: 'forbidden-character', path, value: withForbiddenCharacter(base) });
    }
  }
  if (types?.has('array') && node.items) {
    if (node.maxItems !== undefined) {
      out.push({
        kind: 'too-many-items',
        path,
        value: fc
          .integer({ min: node.maxItems + 1, max: node.maxItems + 5 })
          .map((n) => Array.from({ length: n }, (_, i) => `item ${i}`)),
      });
    }
    if (node.minItems !== undefined && node.minItems > 0) {
      out.push({ kind: 'too-few-items', path, value: fc.constant([]) });
    }
    out.push(...mutationsOf(doc, node.items, [...path, '0'], options));
  }
  if (node.properties) {
    const names = Object.keys(node.properties);
    for (const name of node.required ?? []) {
      out.push({ kind: 'missing-required', path: [...path, name], value: fc.constant(REMOVE) });
    }
    if (node.additionalProperties === false) {
      const unknown = fc
        .oneof(
          fc.constantFrom('id', 'version', 'authorId', 'createdAt', 'passwordHash', 'isAdmin'),
          fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString'),
          fc.string({ minLength: 1, maxLength: 30 }),
        )
        .filter((n) => !names.includes(n));
      out.push({
        kind: 'unknown-field',
        path,
        value: unknown.chain((name) =>
          fc.jsonValue({ maxDepth: 2 }).map((v) => ({ [UNKNOWN_FIELD]: [name, v] })),
        ),
      });
    }
    for (const [name, child] of Object.entries(node.properties)) {
      out.push(...mutationsOf(doc, child, [...path, name], options));
    }
  }
  return out;
}

/** Marks an `unknown-field` mutation's value: add this `[name, value]` to the object at path. */
export const UNKNOWN_FIELD = '\u0000unknown-field';

/** A deep copy of `body` with the mutation applied at `path`. */
export function applyMutation(body: unknown, path: string[], value: unknown): unknown {
  const copy = structuredClone(body) ?? {};
  if (path.length === 0) return addUnknown(copy, value) ?? value;
  let node = copy as Record<string, unknown>;
  for (const key of path.slice(0, -1)) {
    if (typeof node[key] !== 'object' || node[key] === null) {
      node[key] = /^\d+$/.test(key) ? [] : {};
    }
    node = node[key] as Record<string, unknown>;
  }
  const last = path.at(-1)!;
  if (value === REMOVE) {
    delete node[last];
  } else {
    const target = typeof node[last] === 'object' && node[last] !== null ? node[last] : {};
    const added = addUnknown(target, value);
    if (added !== undefined) node[last] = added;
    else node[last] = value;
  }
  return copy;
}

function addUnknown(target: unknown, value: unknown): unknown {
  if (typeof value !== 'object' || value === null || !(UNKNOWN_FIELD in value)) return undefined;
  const [name, extra] = (value as Record<string, [string, unknown]>)[UNKNOWN_FIELD]!;
  // defineProperty, so that `__proto__` becomes an own key that JSON.stringify sends.
  Object.defineProperty(target, name, { value: extra, enumerable: true, writable: true });
  return target;
}
