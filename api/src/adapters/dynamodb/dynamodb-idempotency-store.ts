import type { DocumentClient } from './document-client.js';
import type {
  IdempotencyRecord,
  IdempotencyStore,
  StoredResponse,
} from '../../ports/idempotency-store.js';
import { epochSeconds, idempotencyKey } from './keys.js';
import { isConditionalCheckFailed, withDynamoDbErrors } from './translate-dynamodb-error.js';

interface Item {
  requestHash: string;
  /** Epoch seconds, for DynamoDB's TTL, which deletes within days of it. */
  expiresAt: number;
  /** The exact instant, which the conditions compare: TTL is too late to rely on. */
  expiresAtIso: string;
  response?: StoredResponse;
}

const itemOf = (record: IdempotencyRecord) => ({
  ...idempotencyKey(record.key),
  requestHash: record.requestHash,
  expiresAt: epochSeconds(new Date(record.expiresAt)),
  expiresAtIso: record.expiresAt,
  ...(record.response ? { response: record.response } : {}),
});

/**
 * Idempotency keys on the reviews table: `IDEM#{key}` / `IDEM`, no index attributes, deleted by
 * the table's TTL on `expiresAt`. Every write is a put or a delete (the reviews function may not
 * UpdateItem). A claim is a conditional put (no item, or an expired one), so of two concurrent
 * requests with one key exactly one claims it.
 */
export function createDynamoDbIdempotencyStore(
  client: DocumentClient,
  tableName: string,
): IdempotencyStore {
  async function tryClaim(record: IdempotencyRecord, now: Date): Promise<boolean> {
    try {
      await client.put({
        TableName: tableName,
        Item: itemOf({
          key: record.key,
          requestHash: record.requestHash,
          expiresAt: record.expiresAt,
        }),
        ConditionExpression: 'attribute_not_exists(pk) OR expiresAtIso <= :now',
        ExpressionAttributeValues: { ':now': now.toISOString() },
      });
      return true;
    } catch (error) {
      if (isConditionalCheckFailed(error)) return false;
      throw error;
    }
  }

  return {
    claim(record, now) {
      return withDynamoDbErrors('Idempotency key', async () => {
        // Twice at most: the holder may be released between our put and our read.
        for (let attempt = 0; attempt < 2; attempt++) {
          if (await tryClaim(record, now)) return undefined;
          const found = await client.get({
            TableName: tableName,
            Key: idempotencyKey(record.key),
            ConsistentRead: true,
          });
          const item = found.Item as Item | undefined;
          if (item) {
            return {
              key: record.key,
              requestHash: item.requestHash,
              expiresAt: item.expiresAtIso,
              ...(item.response ? { response: item.response } : {}),
            };
          }
        }
        throw new Error(`Idempotency key ${record.key} kept changing hands`);
      });
    },

    complete(record) {
      return withDynamoDbErrors('Idempotency key', async () => {
        await client.put({ TableName: tableName, Item: itemOf(record) });
      });
    },

    release(key) {
      return withDynamoDbErrors('Idempotency key', async () => {
        try {
          await client.delete({
            TableName: tableName,
            Key: idempotencyKey(key),
            ConditionExpression: 'attribute_not_exists(#response)',
            ExpressionAttributeNames: { '#response': 'response' },
          });
        } catch (error) {
          // Completed meanwhile: a completed answer stays.
          if (!isConditionalCheckFailed(error)) throw error;
        }
      });
    },
  };
}
