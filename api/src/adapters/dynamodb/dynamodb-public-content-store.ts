import type { DocumentClient } from './document-client.js';
import type {
  PublicContentEntry,
  PublicContentStore,
  PublicDocument,
} from '../../ports/public-content-store.js';
import { isKeyPart, PUBLIC_CONTENT_PREFIX, PUBLIC_CONTENT_SK, publicContentKey } from './keys.js';
import { isConditionalCheckFailed, withDynamoDbErrors } from './translate-dynamodb-error.js';

const WHAT = 'Public document';

/** Every attribute named through a placeholder: none of them can collide with a reserved word. */
const NAMES = {
  '#reviewId': 'reviewId',
  '#version': 'version',
  '#json': 'json',
  '#etag': 'etag',
  '#redirectTo': 'redirectTo',
};

/**
 * The public documents as `PUBLIC#{slug}` / `PUBLIC` items in the reviews table. They carry no
 * index attributes, so no review listing (every one of which queries an index) can return them.
 * Each write is one conditional single-item write; no transactions.
 */
export function createDynamoDbPublicContentStore(
  client: DocumentClient,
  tableName: string,
): PublicContentStore {
  return {
    put(doc) {
      return withDynamoDbErrors(WHAT, async () => {
        try {
          await client.put({
            TableName: tableName,
            Item: {
              ...publicContentKey(doc.slug),
              reviewId: doc.reviewId,
              version: doc.version,
              json: doc.json,
              etag: doc.etag,
              // A put replaces the whole item, so a document that stops redirecting loses it.
              ...(doc.redirectTo !== undefined ? { redirectTo: doc.redirectTo } : {}),
            },
            // An empty slot, or this review's document at a version no higher than this one.
            ConditionExpression:
              'attribute_not_exists(pk) OR (#reviewId = :reviewId AND #version <= :version)',
            ExpressionAttributeNames: { '#reviewId': 'reviewId', '#version': 'version' },
            ExpressionAttributeValues: { ':reviewId': doc.reviewId, ':version': doc.version },
          });
          return true;
        } catch (error) {
          if (isConditionalCheckFailed(error)) return false;
          throw error;
        }
      });
    },

    get(slug) {
      return withDynamoDbErrors(WHAT, async () => {
        if (!isKeyPart(slug)) return undefined;
        // Consistent: the CDN is purged right after a put, and a refill that read a replica still
        // holding the old document would cache it again for the whole s-maxage.
        const found = await client.get({
          TableName: tableName,
          Key: publicContentKey(slug),
          ConsistentRead: true,
          ProjectionExpression: '#reviewId, #version, #json, #etag, #redirectTo',
          ExpressionAttributeNames: NAMES,
        });
        if (!found.Item) return undefined;
        const item = found.Item as Omit<PublicDocument, 'slug'>;
        return {
          slug,
          reviewId: item.reviewId,
          version: Number(item.version),
          json: item.json,
          etag: item.etag,
          ...(typeof item.redirectTo === 'string' ? { redirectTo: item.redirectTo } : {}),
        };
      });
    },

    delete(slug, reviewId) {
      return withDynamoDbErrors(WHAT, async () => {
        if (!isKeyPart(slug)) return;
        try {
          await client.delete({
            TableName: tableName,
            Key: publicContentKey(slug),
            ...(reviewId === undefined
              ? {}
              : {
                  ConditionExpression: '#reviewId = :reviewId',
                  ExpressionAttributeNames: { '#reviewId': 'reviewId' },
                  ExpressionAttributeValues: { ':reviewId': reviewId },
                }),
          });
        } catch (error) {
          // Missing, or held by another review: either way nothing of ours is left to remove.
          if (!isConditionalCheckFailed(error)) throw error;
        }
      });
    },

    async *listSlugs(): AsyncGenerator<PublicContentEntry> {
      // No index holds these items (by design, see above), so the listing is a Scan of the
      // reviews table filtered to them, one page at a time. Filtered-out items are still read
      // and billed: this is for a rare reconciliation job, never for a request.
      let startKey: Record<string, unknown> | undefined;
      do {
        const page = await withDynamoDbErrors(WHAT, () =>
          client.scan({
            TableName: tableName,
            FilterExpression: 'begins_with(pk, :prefix) AND sk = :sk',
            ProjectionExpression: 'pk, #reviewId, #version, #redirectTo',
            ExpressionAttributeNames: {
              '#reviewId': 'reviewId',
              '#version': 'version',
              '#redirectTo': 'redirectTo',
            },
            ExpressionAttributeValues: {
              ':prefix': PUBLIC_CONTENT_PREFIX,
              ':sk': PUBLIC_CONTENT_SK,
            },
            ExclusiveStartKey: startKey,
          }),
        );
        for (const item of page.Items ?? []) {
          yield {
            slug: String(item.pk).slice(PUBLIC_CONTENT_PREFIX.length),
            reviewId: String(item.reviewId),
            version: Number(item.version),
            ...(typeof item.redirectTo === 'string' ? { redirectTo: item.redirectTo } : {}),
          };
        }
        startKey = page.LastEvaluatedKey;
      } while (startKey);
    },
  };
}
