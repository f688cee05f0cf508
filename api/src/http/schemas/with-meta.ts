import * as z from 'zod/mini';

/**
 * `schema` with OpenAPI metadata, as classic zod's `.meta()` makes it: a copy descending from
 * `schema`, registered in zod's global registry, which the document builder reads.
 *
 * For schemas that validate every request (query strings, path parameters, bodies) on the hot
 * path. zod/mini's `.check(z.meta(...))` keeps the metadata as a no-op check, and a schema with
 * a check no longer parses straight through (zod runs its check loop after each parse): on the
 * `GET /content` query that made validation about twice as slow as classic zod's. Response
 * schemas, which nothing parses, use `.check(z.meta(...))` as elsewhere.
 */
export function withMeta<T extends z.core.$ZodType>(schema: T, meta: z.core.GlobalMeta): T {
  const copy = z.clone(schema);
  z.globalRegistry.add(copy, meta);
  return copy;
}
