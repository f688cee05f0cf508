import { DeleteCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { PreviewLink, PreviewStore } from '../../ports/preview-store.js';
import {
  epochSeconds,
  isKeyPart,
  PREVIEW_SK_PREFIX,
  previewKey,
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
 * never leaves a link that a revoke cannot find.
 */
export function createDynamoDbPreviewStore(
  client: DynamoDBDocumentClient,
  tableName: string,
): PreviewStore {
  const attributes = (link: PreviewLink) => ({
    reviewId: link.reviewId,
    createdAt: link.createdAt,
    expiresAt: epochSeconds(new Date(link.expiresAt)),
    expiresAtIso: link.expiresAt,
  });

  return {
    create(link) {
      return withDynamoDbErrors(WHAT, async () => {
        await client.send(
          new PutCommand({
            TableName: tableName,
            Item: { ...reviewPreviewKey(link.reviewId, link.tokenHash), ...attributes(link) },
          }),
        );
        await client.send(
          new PutCommand({
            TableName: tableName,
            Item: { ...previewKey(link.tokenHash), ...attributes(link) },
          }),
        );
      });
    },

    get(tokenHash) {
      return withDynamoDbErrors(WHAT, async () => {
        if (!isKeyPart(tokenHash)) return undefined;
        const found = await client.send(
          new GetCommand({
            TableName: tableName,
            Key: previewKey(tokenHash),
            ConsistentRead: true,
          }),
        );
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
          await client.send(
            new DeleteCommand({ TableName: tableName, Key: previewKey(tokenHash) }),
          );
          await client.send(
            new DeleteCommand({ TableName: tableName, Key: reviewPreviewKey(reviewId, tokenHash) }),
          );
        }
        return entries.length;
      });
    },
  };
}
