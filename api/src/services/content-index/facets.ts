import type { FacetCount } from './content-types.js';

/**
 * The name shown for a group of spellings of one name: the most frequent, and on a tie the one
 * seen first (callers pass the oldest review first, so a brand keeps the spelling it came with).
 */
export function displayNames(
  keys: ArrayLike<number>,
  spellings: ArrayLike<string>,
  groups: number,
) {
  const tallies: Array<Map<string, number>> = Array.from({ length: groups }, () => new Map());
  for (let i = 0; i < keys.length; i++) {
    const tally = tallies[keys[i]!]!;
    tally.set(spellings[i]!, (tally.get(spellings[i]!) ?? 0) + 1);
  }
  return tallies.map((tally) => {
    let best = '';
    let bestCount = 0;
    for (const [spelling, count] of tally) {
      if (count > bestCount) [best, bestCount] = [spelling, count];
    }
    return best;
  });
}

/** Counts per value, most first, then by name; values with no review left out. */
export function facetCounts(counts: ArrayLike<number>, names: readonly string[]): FacetCount[] {
  const facets: FacetCount[] = [];
  for (let i = 0; i < counts.length; i++) {
    if (counts[i]! > 0) facets.push({ value: names[i]!, count: counts[i]! });
  }
  return facets.sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
}
