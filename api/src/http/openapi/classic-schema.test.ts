import { OpenApiGeneratorV31, OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { describe, expect, it } from 'vitest';
import * as classic from 'zod';
import * as mini from 'zod/mini';
import { createClassicConverter } from './classic-schema.js';

/** The document fragment zod-to-openapi writes for a body and a response with these schemas. */
function documentOf(body: unknown, params: unknown) {
  const registry = new OpenAPIRegistry();
  registry.registerPath({
    method: 'post',
    path: '/things/{id}',
    request: {
      params: params as never,
      body: { content: { 'application/json': { schema: body as never } } },
    },
    responses: {
      200: { description: 'ok', content: { 'application/json': { schema: body as never } } },
    },
  });
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: { title: 't', version: '1' },
  });
}

describe('createClassicConverter', () => {
  it('gives zod-to-openapi the document a classic schema with the same rules would give', () => {
    const ClassicThing = classic
      .strictObject({
        name: classic.string().min(1).max(80).meta({ description: 'Its name', example: 'X-T5' }),
        count: classic.number().int().min(0).optional(),
        kind: classic.enum(['camera', 'lens']).default('camera'),
        tags: classic.array(classic.string().regex(/^[a-z]+$/)).max(5),
        at: classic.iso.datetime().nullable(),
      })
      .meta({ id: 'ClassicThing' });
    const MiniThing = mini
      .strictObject({
        name: mini
          .string()
          .check(
            mini.minLength(1),
            mini.maxLength(80),
            mini.meta({ description: 'Its name', example: 'X-T5' }),
          ),
        count: mini.optional(mini.int().check(mini.minimum(0))),
        kind: mini._default(mini.enum(['camera', 'lens']), 'camera'),
        tags: mini.array(mini.string().check(mini.regex(/^[a-z]+$/))).check(mini.maxLength(5)),
        at: mini.nullable(mini.iso.datetime()),
      })
      .register(mini.globalRegistry, { id: 'MiniThing' });
    const classicParams = classic.object({
      id: classic.string().meta({ param: { name: 'id', in: 'path' } }),
    });
    const miniParams = mini.object({
      id: mini.string().check(mini.meta({ param: { name: 'id', in: 'path' } })),
    });

    const toClassic = createClassicConverter();
    const expected = JSON.stringify(documentOf(ClassicThing, classicParams)).replaceAll(
      'ClassicThing',
      'Thing',
    );
    const actual = JSON.stringify(
      documentOf(toClassic(MiniThing), toClassic(miniParams)),
    ).replaceAll('MiniThing', 'Thing');
    expect(JSON.parse(actual)).toEqual(JSON.parse(expected));
  });

  it('keeps one copy per schema, so a shared schema stays one $ref', () => {
    const Shared = mini
      .object({ a: mini.string() })
      .register(mini.globalRegistry, { id: 'Shared' });
    const toClassic = createClassicConverter();
    const one = toClassic(mini.object({ x: Shared, y: mini.optional(Shared) }));
    const shape = (one as unknown as classic.ZodObject).shape;
    expect(shape.x).toBe((shape.y as classic.ZodOptional).unwrap());
    expect(shape.x.meta()).toEqual({ id: 'Shared' });
  });

  it('keeps the $ref of a named schema inside a bare wrapper, as classic .nullable() does', () => {
    const classicError = classic.object({ at: classic.string() }).meta({ id: 'ClassicError' });
    const miniError = mini.object({ at: mini.string() }).check(mini.meta({ id: 'MiniError' }));
    const params = classic.object({ id: classic.string() });
    const expected = JSON.stringify(
      documentOf(classic.object({ error: classicError.nullable() }), params),
    ).replaceAll('ClassicError', 'Error');
    const actual = JSON.stringify(
      documentOf(
        createClassicConverter()(mini.object({ error: mini.nullable(miniError) })),
        params,
      ),
    ).replaceAll('MiniError', 'Error');
    expect(actual).toContain('"error":{"$ref":"#/components/schemas/Error"}');
    expect(JSON.parse(actual)).toEqual(JSON.parse(expected));
  });

  it('leaves classic schemas and non-schemas as they are', () => {
    const toClassic = createClassicConverter();
    const c = classic.string();
    expect(toClassic(c)).toBe(c);
    expect(toClassic({ type: 'string' })).toEqual({ type: 'string' });
    expect(toClassic(undefined)).toBeUndefined();
  });
});

describe('createClassicConverter on mixed schemas', () => {
  it('copies a classic object that holds zod/mini fields, keeping its name', () => {
    const Mixed = classic
      .object({ a: mini.optional(mini.string()), b: classic.number() })
      .meta({ id: 'Mixed' });
    const copy = createClassicConverter()(Mixed);
    expect(copy).not.toBe(Mixed);
    expect(copy.meta()).toEqual({ id: 'Mixed' });
    expect(JSON.stringify(documentOf(copy, classic.object({ id: classic.string() })))).toContain(
      '"Mixed":{"type":"object","properties":{"a":{"type":"string"},"b":{"type":"number"}},"required":["b"]}',
    );
  });
});
