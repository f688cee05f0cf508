import type { FunctionId } from './access-matrix.js';

/**
 * What each API function's bundle may cost: its `index.mjs` minified (argon2's native file
 * aside), and its cold init — a fresh Node process importing it and answering its first request —
 * as a multiple of a hello-world Hono Lambda's, timed in the same run (`npm run bench:bundles`).
 *
 * `targetKb` and `maxRatio` are the budgets. `ceilingKb` is what the size test
 * (`infra/test/bundle-budgets.test.ts`) enforces: the size reached plus about a tenth, never above
 * the target, so that a dependency creeping in fails the test long before the budget is spent.
 * Lower a ceiling when a bundle shrinks; raise one (up to its target) only with the measurement
 * that justifies it, in docs/performance.md.
 */
export interface BundleBudget {
  targetKb: number;
  ceilingKb: number;
  maxRatio: number;
}

export const BUNDLE_BUDGETS = {
  // Sizes when set (2026-12-01): visits 130 KB, content 185, reviews 221, accounts 298.
  visits: { targetKb: 200, ceilingKb: 145, maxRatio: 1.5 },
  content: { targetKb: 200, ceilingKb: 200, maxRatio: 1.5 },
  reviews: { targetKb: 400, ceilingKb: 245, maxRatio: 2 },
  accounts: { targetKb: 400, ceilingKb: 330, maxRatio: 2 },
} as const satisfies Partial<Record<FunctionId, BundleBudget>>;

export type BudgetedFunction = keyof typeof BUNDLE_BUDGETS;
export const BUDGETED_FUNCTIONS = Object.keys(BUNDLE_BUDGETS) as BudgetedFunction[];
