import type { DocumentClient } from './document-client.js';
import type { PreviewLink, PreviewStore } from '../../ports/preview-store.js';
import { createDynamoDbPreviewRenders } from './dynamodb-preview-renders.js';
import {
  epochSeconds,
  isKeyPart,
  PREVIEW_SK_PREFIX,
  previewKey,
  previewRenderKey,
  reviewKey,
  reviewPreviewKey,
} from './keys.js';
import { queryAll } from './query-all.js';
import { withDynamoDbErrors } from './translate-dynamodb-error.js';

const WHAT = 'Preview link';

interface Item {
  reviewId: string;
  createdAt: string;
  /** The exact instant, which readers compare: TTL deletes days late. */
  expiresAtIso: string;
}

/**
 * Preview links on the reviews table, two items each, both without index attributes and both
 * deleted by the table's TTL on `expiresAt` (epoch seconds): the link, `PREVIEW#{hash}` /
 * `PREVIEW`, which a visit reads with one GetItem (the content function may read only these and
 * reviews), and its entry in the review's partition, `REVIEW#{id}` / `PREVIEW#{hash}`, which a
 * revoke queries. The entry is written first and deleted last, so a process dying in between
 * never leaves a link that a revoke cannot find. A revoke also deletes the review's render
 * (dynamodb-preview-renders.ts).
 */
export function createDynamoDbPreviewStore(
  client: DocumentClient,
  tableName: string,
): PreviewStore {
  const attributes = (link: PreviewLink) => ({
    reviewId: link.reviewId,
    createdAt: link.createdAt,
    expiresAt: epochSeconds(new Date(link.expiresAt)),
    expiresAtIso: link.expiresAt,
  });

  return {
    ...createDynamoDbPreviewRenders(client, tableName),

    create(link) {
      return withDynamoDbErrors(WHAT, async () => {
        await client.put({
          TableName: tableName,
          Item: { ...reviewPreviewKey(link.reviewId, link.tokenHash), ...attributes(link) },
        });
        await client.put({
          TableName: tableName,
          Item: { ...previewKey(link.tokenHash), ...attributes(link) },
        });
      });
    },

    get(tokenHash) {
      return withDynamoDbErrors(WHAT, async () => {
        if (!isKeyPart(tokenHash)) return undefined;
        const found = await client.get({
          TableName: tableName,
          Key: previewKey(tokenHash),
          ConsistentRead: true,
        });
        const item = found.Item as Item | undefined;
        return (
          item && {
            tokenHash,
            reviewId: item.reviewId,
            createdAt: item.createdAt,
            expiresAt: item.expiresAtIso,
          }
        );
      });
    },

    revokeAll(reviewId) {
      return withDynamoDbErrors(WHAT, async () => {
        if (!isKeyPart(reviewId)) return 0;
        const entries = await queryAll<{ sk: string }>(client, {
          TableName: tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :preview)',
          ExpressionAttributeValues: {
            ':pk': reviewKey(reviewId).pk,
            ':preview': PREVIEW_SK_PREFIX,
          },
          ProjectionExpression: 'sk',
          ConsistentRead: true,
        });
        for (const entry of entries) {
          const tokenHash = entry.sk.slice(PREVIEW_SK_PREFIX.length);
          await client.delete({ TableName: tableName, Key: previewKey(tokenHash) });
          await client.delete({ TableName: tableName, Key: reviewPreviewKey(reviewId, tokenHash) });
        }
        await client.delete({ TableName: tableName, Key: previewRenderKey(reviewId) });
        return entries.length;
      });
    },
  };
}
