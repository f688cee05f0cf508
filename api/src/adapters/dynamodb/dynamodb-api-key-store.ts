import type { DocumentClient } from './document-client.js';
import type { ApiKey } from '../../domain/api-key.js';
import { ConflictError, NotFoundError } from '../../domain/errors.js';
import type { ApiKeyStore } from '../../ports/api-key-store.js';
import {
  API_KEY_LIST_PARTITION,
  apiKeyByHashKey,
  apiKeyByIdKey,
  apiKeyListSortKey,
  isKeyPart,
} from './keys.js';
import { API_KEYS_BY_CREATED_INDEX } from './table-definitions.js';
import { isConditionalCheckFailed, withDynamoDbErrors } from './translate-dynamodb-error.js';
import { queryAll } from './query-all.js';
import { deleteIfOwned, putNew } from './conditional-writes.js';

/** The key item as stored: the ApiKey fields, with absent attributes for null times. */
interface ApiKeyItem {
  pk: string;
  sk: string;
  gsi1pk: string;
  gsi1sk: string;
  id: string;
  name: string;
  hash: string;
  prefix: string;
  scope: string[];
  rateLimit: { perSecond: number; burst: number };
  createdAt: string;
  revokedAt?: string;
  lastUsedAt?: string;
}

interface IdPointerItem {
  pk: string;
  sk: string;
  hash: string;
}

function toItem(key: ApiKey): ApiKeyItem {
  return {
    ...apiKeyByHashKey(key.hash),
    gsi1pk: API_KEY_LIST_PARTITION,
    gsi1sk: apiKeyListSortKey(key.createdAt, key.id),
    id: key.id,
    name: key.name,
    hash: key.hash,
    prefix: key.prefix,
    scope: [...key.scope],
    rateLimit: { perSecond: key.rateLimit.perSecond, burst: key.rateLimit.burst },
    createdAt: key.createdAt,
    ...(key.revokedAt ? { revokedAt: key.revokedAt } : {}),
    ...(key.lastUsedAt ? { lastUsedAt: key.lastUsedAt } : {}),
  };
}

function fromItem(item: Record<string, unknown>): ApiKey {
  const i = item as unknown as ApiKeyItem;
  return {
    id: i.id,
    name: i.name,
    scope: [...i.scope],
    hash: i.hash,
    prefix: i.prefix,
    rateLimit: { perSecond: Number(i.rateLimit.perSecond), burst: Number(i.rateLimit.burst) },
    createdAt: i.createdAt,
    revokedAt: i.revokedAt ?? null,
    lastUsedAt: i.lastUsedAt ?? null,
  };
}

const notFound = (id: string) => new NotFoundError(`No API key with id "${id}"`);

/**
 * API keys on one table. The key item is keyed by the hash of the secret, because that is the
 * lookup every counted visit makes (one consistent GetItem); a small pointer item maps the id to
 * the hash for the admin operations. Both are created with conditional puts (no transactions),
 * pointer first, so a crash in between leaves only an unreachable pointer, never a usable key
 * that cannot be revoked. Listing queries one index partition; nothing here ever scans.
 */
export function createDynamoDbApiKeyStore(client: DocumentClient, tableName: string): ApiKeyStore {
  async function hashOf(id: string): Promise<string | undefined> {
    // An id that cannot be part of a key (from a URL, say) names no key: not found, not a 500.
    if (!isKeyPart(id)) return undefined;
    const pointer = await client.get({
      TableName: tableName,
      Key: apiKeyByIdKey(id),
      ConsistentRead: true,
    });
    return (pointer.Item as IdPointerItem | undefined)?.hash;
  }

  async function byHash(hash: string): Promise<ApiKey | undefined> {
    const found = await client.get({
      TableName: tableName,
      Key: apiKeyByHashKey(hash),
      ConsistentRead: true,
    });
    return found.Item ? fromItem(found.Item) : undefined;
  }

  return {
    create(key) {
      return withDynamoDbErrors('API key', async () => {
        const pointer: IdPointerItem = { ...apiKeyByIdKey(key.id), hash: key.hash };
        await putNew(client, tableName, pointer);
        try {
          await putNew(client, tableName, toItem(key));
        } catch (error) {
          // Undo the pointer, but only if it is still ours, then report the clash.
          await deleteIfOwned(client, tableName, apiKeyByIdKey(key.id), 'hash', key.hash);
          if (isConditionalCheckFailed(error)) {
            throw new ConflictError('An API key with this hash already exists');
          }
          throw error;
        }
      });
    },

    findByHash(hash) {
      return withDynamoDbErrors('API key', () => byHash(hash));
    },

    get(id) {
      return withDynamoDbErrors('API key', async () => {
        const hash = await hashOf(id);
        if (!hash) return undefined;
        const key = await byHash(hash);
        // A pointer left by an interrupted create leads nowhere: that key never existed.
        return key?.id === id ? key : undefined;
      });
    },

    list() {
      return withDynamoDbErrors('API key', async () => {
        const items = await queryAll<Record<string, unknown>>(client, {
          TableName: tableName,
          IndexName: API_KEYS_BY_CREATED_INDEX,
          KeyConditionExpression: 'gsi1pk = :partition',
          ExpressionAttributeValues: { ':partition': API_KEY_LIST_PARTITION },
          ScanIndexForward: false,
        });
        return items.map(fromItem);
      });
    },

    revoke(id, at) {
      return withDynamoDbErrors(
        'API key',
        async () => {
          const hash = await hashOf(id);
          if (!hash) throw notFound(id);
          const updated = await client.update({
            TableName: tableName,
            Key: apiKeyByHashKey(hash),
            UpdateExpression: 'SET revokedAt = if_not_exists(revokedAt, :at)',
            ConditionExpression: 'attribute_exists(pk) AND #id = :id',
            ExpressionAttributeNames: { '#id': 'id' },
            ExpressionAttributeValues: { ':at': at, ':id': id },
            ReturnValues: 'ALL_NEW',
          });
          return fromItem(updated.Attributes!);
        },
        { conditionFailed: () => notFound(id) },
      );
    },

    touch(id, at) {
      return withDynamoDbErrors('API key', async () => {
        const hash = await hashOf(id);
        if (!hash) return;
        try {
          await client.update({
            TableName: tableName,
            Key: apiKeyByHashKey(hash),
            UpdateExpression: 'SET lastUsedAt = :at',
            // Without the condition an update would create a bare item for a deleted key.
            ConditionExpression: 'attribute_exists(pk)',
            ExpressionAttributeValues: { ':at': at },
          });
        } catch (error) {
          if (!isConditionalCheckFailed(error)) throw error;
        }
      });
    },
  };
}
