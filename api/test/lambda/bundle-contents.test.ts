import { build } from 'esbuild';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const lambdaDir = fileURLToPath(new URL('../../src/lambda/', import.meta.url));
// Entry points are the files that export a handler; the rest of the folder is shared plumbing.
const entries = readdirSync(lambdaDir).filter(
  (f) =>
    f.endsWith('.ts') &&
    !f.endsWith('.test.ts') &&
    /^export const handler\b/m.test(readFileSync(`${lambdaDir}${f}`, 'utf8')),
);

/** The source files esbuild pulls into one Lambda bundle, as the deploy bundles it. */
async function bundledInputs(entry: string): Promise<string[]> {
  const result = await build({
    entryPoints: [`${lambdaDir}${entry}`],
    bundle: true,
    platform: 'node',
    format: 'esm',
    write: false,
    metafile: true,
    logLevel: 'silent',
    // The Lambda runtime ships the AWS SDK v3; argon2's native binding is copied beside the bundle
    // (infra/lib/lambda-bundling.ts), as esbuild cannot bundle a .node file.
    external: ['@aws-sdk/*', '@node-rs/argon2'],
  });
  return Object.keys(result.metafile.inputs);
}

describe('Lambda bundles', () => {
  it('checks every Lambda entry point', () => {
    expect([...entries].sort()).toEqual(['accounts.ts', 'content.ts', 'reviews.ts', 'visits.ts']);
  });

  it.each(entries)('%s carries DynamoDB and never SQLite', async (entry) => {
    const inputs = await bundledInputs(entry);
    expect(inputs.some((p) => p.includes('adapters/dynamodb/'))).toBe(true);
    expect(inputs.filter((p) => /better-sqlite3|adapters\/sqlite\//.test(p))).toEqual([]);
  });
});
