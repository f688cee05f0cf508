import type { DocumentClient } from './document-client.js';
import { isCounterId } from '../../domain/counter.js';
import type { CounterSettingsStore } from '../../ports/counter-settings-store.js';
import { putNew } from './conditional-writes.js';
import type { ItemKey } from './keys.js';
import { isConditionalCheckFailed, withDynamoDbErrors } from './translate-dynamodb-error.js';

/**
 * A public counter's marker, `PUBLIC-COUNTER#{id}`: a partition of its own, not the counter's
 * `COUNTER#{id}`, so the admin function may write markers (IAM `dynamodb:LeadingKeys`) without
 * being able to touch a count.
 */
export const PUBLIC_COUNTER_PREFIX = 'PUBLIC-COUNTER#';
const SITE_KEY: ItemKey = { pk: 'SITE#counter-key', sk: 'SITE' };

function publicCounterKey(counterId: string): ItemKey {
  if (!isCounterId(counterId)) throw new Error(`Not a valid counter id for a key: ${counterId}`);
  return { pk: `${PUBLIC_COUNTER_PREFIX}${counterId}`, sk: 'PUBLIC' };
}

/** Counter settings on the counters table: a marker item per public counter, one site-key item. */
export function createDynamoDbCounterSettingsStore(
  client: DocumentClient,
  tableName: string,
): CounterSettingsStore {
  const getItem = (Key: ItemKey) => client.get({ TableName: tableName, Key, ConsistentRead: true });

  return {
    setPublic(counterId, isPublic, at) {
      return withDynamoDbErrors('Counter settings', async () => {
        const Key = publicCounterKey(counterId);
        if (isPublic) {
          await client.put({ TableName: tableName, Item: { ...Key, updatedAt: at.toISOString() } });
        } else {
          await client.delete({ TableName: tableName, Key });
        }
      });
    },
    isPublic(counterId) {
      return withDynamoDbErrors('Counter settings', async () => {
        if (!isCounterId(counterId)) return false;
        return (await getItem(publicCounterKey(counterId))).Item !== undefined;
      });
    },
    getSiteKey() {
      return withDynamoDbErrors('Counter settings', async () => {
        const value = (await getItem(SITE_KEY)).Item?.value;
        return typeof value === 'string' ? value : undefined;
      });
    },
    putSiteKeyIfAbsent(key) {
      return withDynamoDbErrors('Counter settings', async () => {
        try {
          await putNew(client, tableName, { ...SITE_KEY, value: key });
          return key;
        } catch (error) {
          if (!isConditionalCheckFailed(error)) throw error;
        }
        const value = (await getItem(SITE_KEY)).Item?.value;
        if (typeof value !== 'string') throw new Error('The site key vanished after a put');
        return value;
      });
    },
  };
}
