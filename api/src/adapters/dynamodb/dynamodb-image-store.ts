import type { DocumentClient } from './document-client.js';
import type { ImageRecord } from '../../domain/image.js';
import type { ImageStore } from '../../ports/image-store.js';
import { isKeyPart, reviewKey, type ItemKey } from './keys.js';
import { queryAll } from './query-all.js';
import { isConditionalCheckFailed, withDynamoDbErrors } from './translate-dynamodb-error.js';

const WHAT = 'Image';
const IMAGE_SK_PREFIX = 'IMG#';

/**
 * An image beside its review: `REVIEW#{reviewId}` / `IMG#{imageId}`, so one Query reads a
 * review's images. It carries no index attribute, so no review listing returns it.
 */
export function imageKey(reviewId: string, imageId: string): ItemKey {
  if (!isKeyPart(imageId)) throw new Error(`Not a valid image id for a DynamoDB key: ${imageId}`);
  return { pk: reviewKey(reviewId).pk, sk: `${IMAGE_SK_PREFIX}${imageId}` };
}

interface ImageItem {
  record: string;
}

const byCreation = (a: ImageRecord, b: ImageRecord) =>
  a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id);

/**
 * Image records as items in the reviews table, the record as one JSON attribute (variants and
 * EXIF are read whole, never queried). Each write is one conditional put on `version`.
 */
export function createDynamoDbImageStore(client: DocumentClient, tableName: string): ImageStore {
  const parse = (item: Record<string, unknown>) =>
    JSON.parse((item as unknown as ImageItem).record) as ImageRecord;
  return {
    put(record) {
      return withDynamoDbErrors(WHAT, async () => {
        try {
          await client.put({
            TableName: tableName,
            Item: {
              ...imageKey(record.reviewId, record.id),
              version: record.version,
              record: JSON.stringify(record),
            },
            ...(record.version === 1
              ? { ConditionExpression: 'attribute_not_exists(pk)' }
              : {
                  ConditionExpression: '#version = :previous',
                  ExpressionAttributeNames: { '#version': 'version' },
                  ExpressionAttributeValues: { ':previous': record.version - 1 },
                }),
          });
          return true;
        } catch (error) {
          if (isConditionalCheckFailed(error)) return false;
          throw error;
        }
      });
    },

    get(reviewId, imageId) {
      return withDynamoDbErrors(WHAT, async () => {
        if (!isKeyPart(reviewId) || !isKeyPart(imageId)) return undefined;
        const found = await client.get({
          TableName: tableName,
          Key: imageKey(reviewId, imageId),
          ConsistentRead: true,
        });
        return found.Item ? parse(found.Item) : undefined;
      });
    },

    listByReview(reviewId) {
      return withDynamoDbErrors(WHAT, async () => {
        if (!isKeyPart(reviewId)) return [];
        const items = await queryAll<Record<string, unknown>>(client, {
          TableName: tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :img)',
          ExpressionAttributeValues: { ':pk': reviewKey(reviewId).pk, ':img': IMAGE_SK_PREFIX },
          ConsistentRead: true,
        });
        return items.map(parse).sort(byCreation);
      });
    },

    async *listAll() {
      // No index holds image items (by design), so this is a Scan filtered to them: read and
      // billed for every item of the table. Used by the index rebuild and the regenerate
      // command, never by a request.
      let startKey: Record<string, unknown> | undefined;
      do {
        const page = await withDynamoDbErrors(WHAT, () =>
          client.scan({
            TableName: tableName,
            FilterExpression: 'begins_with(sk, :img)',
            ExpressionAttributeValues: { ':img': IMAGE_SK_PREFIX },
            ExclusiveStartKey: startKey,
          }),
        );
        for (const item of page.Items ?? []) yield parse(item);
        startKey = page.LastEvaluatedKey;
      } while (startKey);
    },

    delete(reviewId, imageId) {
      return withDynamoDbErrors(WHAT, async () => {
        if (!isKeyPart(reviewId) || !isKeyPart(imageId)) return;
        await client.delete({ TableName: tableName, Key: imageKey(reviewId, imageId) });
      });
    },
  };
}
