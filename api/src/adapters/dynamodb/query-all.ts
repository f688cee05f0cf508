import type { DocumentClient, QueryInput } from './document-client.js';

/**
 * Runs a Query page after page and returns the items of every page; with `max`, stops once it has
 * that many, shrinking `Limit` so that no more items are read than needed. A Query returns at
 * most 1 MB a page, so any listing that must be complete has to follow `LastEvaluatedKey`.
 */
export async function queryAll<T>(
  client: DocumentClient,
  input: Omit<QueryInput, 'ExclusiveStartKey' | 'Limit'>,
  max?: number,
): Promise<T[]> {
  const items: T[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await client.query({
      ...input,
      ExclusiveStartKey: startKey,
      ...(max === undefined ? {} : { Limit: max - items.length }),
    });
    items.push(...((page.Items ?? []) as T[]));
    startKey = page.LastEvaluatedKey;
  } while (startKey && (max === undefined || items.length < max));
  return items;
}
