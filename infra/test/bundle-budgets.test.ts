import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { ACCESS_MATRIX, API_FUNCTION_IDS } from '../lib/access-matrix.js';
import {
  BUDGETED_FUNCTIONS,
  BUNDLE_BUDGETS,
  type BudgetedFunction,
} from '../lib/bundle-budgets.js';
import { LAMBDA_ESBUILD, REPO_ROOT, lambdaEntry } from '../lib/lambda-bundling.js';

/** The deployed `index.mjs` of a function, minified as the CDK builds it: its size in KB. */
async function bundleKb(fn: BudgetedFunction): Promise<number> {
  const result = await build({
    ...LAMBDA_ESBUILD,
    mainFields: [...LAMBDA_ESBUILD.mainFields],
    external: [...LAMBDA_ESBUILD.external],
    // The source map is a separate file, not loaded at init unless asked: not in the budget.
    sourcemap: false,
    entryPoints: [lambdaEntry(ACCESS_MATRIX[fn].entry)],
    bundle: true,
    write: false,
    outfile: '/nonexistent/index.mjs',
    logLevel: 'silent',
    absWorkingDir: REPO_ROOT,
  });
  return result.outputFiles[0]!.contents.byteLength / 1024;
}

describe('Lambda bundle budgets', () => {
  it('budgets every function behind API Gateway', () => {
    expect([...BUDGETED_FUNCTIONS].sort()).toEqual([...API_FUNCTION_IDS].sort());
  });

  it('never lets a ceiling sit above its target', () => {
    for (const fn of BUDGETED_FUNCTIONS) {
      const { targetKb, ceilingKb } = BUNDLE_BUDGETS[fn];
      expect(ceilingKb, fn).toBeLessThanOrEqual(targetKb);
    }
  });

  it.each(BUDGETED_FUNCTIONS)(
    '%s stays within its size budget',
    async (fn) => {
      const kb = await bundleKb(fn);
      expect(
        kb,
        `${fn}: ${kb.toFixed(1)} KB, budget ${BUNDLE_BUDGETS[fn].ceilingKb} KB (npm run bench:bundles lists what fills it)`,
      ).toBeLessThanOrEqual(BUNDLE_BUDGETS[fn].ceilingKb);
    },
    60_000,
  );
});
