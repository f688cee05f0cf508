import type { DocumentClient } from './document-client.js';

/**
 * Puts an item only if no item has its key yet: the building block of every uniqueness rule
 * (slugs, emails, key hashes) without transactions. A clash surfaces as the SDK's
 * ConditionalCheckFailedException, for the caller to name in domain terms.
 */
export async function putNew(
  client: DocumentClient,
  tableName: string,
  item: object,
): Promise<void> {
  await client.put({
    TableName: tableName,
    Item: item as Record<string, unknown>,
    ConditionExpression: 'attribute_not_exists(pk)',
  });
}

/**
 * Deletes a claim or pointer item, but only while `attribute` still holds `value` (so an item
 * another writer has taken over since is left alone). Best effort: it undoes the first half of an
 * interrupted two-item write, and a failure only leaves a stale item the stores already tolerate.
 */
export async function deleteIfOwned(
  client: DocumentClient,
  tableName: string,
  key: object,
  attribute: string,
  value: unknown,
): Promise<void> {
  await client
    .delete({
      TableName: tableName,
      Key: key as Record<string, unknown>,
      ConditionExpression: '#owner = :owner',
      ExpressionAttributeNames: { '#owner': attribute },
      ExpressionAttributeValues: { ':owner': value },
    })
    .catch(() => undefined);
}
