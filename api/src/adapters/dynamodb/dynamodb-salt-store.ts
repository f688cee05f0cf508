import type { DocumentClient } from './document-client.js';
import type { SaltStore } from '../../ports/salt-store.js';
import { epochSeconds, saltKey } from './keys.js';
import { putNew } from './conditional-writes.js';
import { isConditionalCheckFailed, withDynamoDbErrors } from './translate-dynamodb-error.js';

/**
 * Daily salts on the counters table, one item per day with a TTL. Create-if-absent is a
 * conditional put; the caller that loses the race reads the winner's salt with a consistent read,
 * so every Lambda instance hashes visitors with the same salt.
 */
export function createDynamoDbSaltStore(client: DocumentClient, tableName: string): SaltStore {
  return {
    getOrCreateSalt(day, candidate, expiresAt) {
      return withDynamoDbErrors('Salt', async () => {
        const key = saltKey(day);
        try {
          await putNew(client, tableName, {
            ...key,
            salt: candidate,
            expiresAt: epochSeconds(expiresAt),
          });
          return candidate;
        } catch (error) {
          if (!isConditionalCheckFailed(error)) throw error;
        }
        const existing = await client.get({ TableName: tableName, Key: key, ConsistentRead: true });
        const salt = existing.Item?.salt;
        // Only TTL deletes salts, and never during their own day; a gap here is a real fault.
        if (typeof salt !== 'string') throw new Error(`The salt of ${day} vanished after a put`);
        return salt;
      });
    },
  };
}
