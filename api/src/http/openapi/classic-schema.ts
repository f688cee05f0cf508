import * as classic from 'zod';
import { globalRegistry, type $ZodType } from 'zod/v4/core';

const isSchema = (value: unknown): value is $ZodType =>
  typeof value === 'object' && value !== null && '_zod' in value;

/**
 * zod's classic schema with the same definition as `schema`, which may be a zod/mini one: the
 * routes validate with zod/mini (small in a Lambda bundle), while zod-to-openapi, which writes
 * the document, reads schemas through classic methods (`.meta()`, `.isOptional()`…). Both are
 * built on zod's core with the same definitions and checks, so the copy describes exactly what
 * the route validates; its metadata (`id`, description, examples) goes with it. A classic schema
 * is copied only if it holds zod/mini parts. Memoised, so a schema used in many places stays one
 * schema, and one `$ref`, in the document.
 */
export function createClassicConverter(): <S>(schema: S) => S {
  const seen = new Map<$ZodType, $ZodType>();

  const convertValue = (value: unknown): unknown => {
    if (isSchema(value)) return convert(value);
    if (Array.isArray(value)) return value.map(convertValue);
    return value;
  };

  const convert = (schema: $ZodType): $ZodType => {
    const done = seen.get(schema);
    if (done) return done;
    seen.set(schema, schema); // until converted: a cycle meets the original
    const name = schema._zod.constr.name;
    const mini = name.startsWith('ZodMini');
    let changed = false;
    const def: Record<string, unknown> = { ...schema._zod.def };
    const convertChild = (value: unknown) => {
      const converted = convertValue(value);
      const same = Array.isArray(value)
        ? value.every((v, i) => v === (converted as unknown[])[i])
        : converted === value;
      if (!same) changed = true;
      return converted;
    };
    for (const [key, value] of Object.entries(def)) {
      if (key === 'checks') continue; // zod's core checks, shared by both APIs
      if (key === 'shape' && value && typeof value === 'object') {
        def.shape = Object.fromEntries(
          Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, convertChild(v)]),
        );
      } else if (key === 'getter' && typeof value === 'function') {
        def.getter = () => convertValue((value as () => unknown)());
      } else {
        def[key] = convertChild(value);
      }
    }
    // A classic schema all of whose parts are classic is what zod-to-openapi reads already.
    if (!mini && !changed) return schema;
    const classicName = name.replace(/^ZodMini/, 'Zod');
    const Classic = (classic as unknown as Record<string, new (def: unknown) => $ZodType>)[
      classicName
    ];
    if (!Classic) throw new Error(`No classic zod schema for ${name}`);
    const copy = new Classic(def);
    seen.set(schema, copy);
    // A copy with metadata descends from its original, as a classic `.meta()` clone does from
    // its schema: zod-to-openapi names (`$ref`s) only schemas that descend from another, and zod
    // inherits metadata down that line, all but the `id`, which goes with it here. A bare
    // wrapper (`z.nullable(X)`, like classic's `.nullable()`) descends from nothing: one that
    // did would hand zod-to-openapi an empty internal record that hides the `$ref` name of X.
    if (schema._zod.parent || globalRegistry.has(schema)) copy._zod.parent = schema;
    const meta = globalRegistry.get(schema);
    if (meta) globalRegistry.add(copy, meta);
    return copy;
  };

  return <S>(schema: S) => (isSchema(schema) ? (convert(schema) as S) : schema);
}
