import type { DocumentClient } from './document-client.js';
import { ConflictError } from '../../domain/errors.js';
import { REFRESH_TOKEN_TTL_MS, type RefreshSession } from '../../domain/refresh-session.js';
import type { RefreshTokenStore } from '../../ports/refresh-token-store.js';
import {
  epochSeconds,
  familyRevokedKey,
  instantSortKey,
  isKeyPart,
  sessionByHashKey,
  sessionByIdKey,
  sessionFamilyPartition,
  sessionUserPartition,
} from './keys.js';
import { SESSIONS_BY_FAMILY_INDEX, SESSIONS_BY_USER_INDEX } from './table-definitions.js';
import { isConditionalCheckFailed, withDynamoDbErrors } from './translate-dynamodb-error.js';
import { deleteIfOwned, putNew } from './conditional-writes.js';
import { queryAll } from './query-all.js';

/** Expired sessions forgotten per `create`: enough to keep up, bounded so a login stays fast. */
export const EXPIRED_SESSIONS_PER_CREATE = 25;
/** Writes in flight at once when revoking many sessions. */
const WRITE_CONCURRENCY = 16;
const DAY_MS = 86_400_000;

/**
 * The session item. `expiresAt` is TTL's epoch seconds; the session's own expiry (an ISO instant,
 * as the domain has it) is `expiry`. Null times are absent attributes, so conditions can say
 * `attribute_not_exists(rotatedAt)`.
 */
interface SessionItem {
  pk: string;
  sk: string;
  id: string;
  userId: string;
  familyId: string;
  hash: string;
  tokenVersion: number;
  createdAt: string;
  expiry: string;
  rotatedAt?: string;
  revokedAt?: string;
  expiresAt: number;
}

interface IdPointerItem {
  hash: string;
  familyId: string;
}

const ttl = (iso: string) => epochSeconds(new Date(iso));

function toItem(session: RefreshSession) {
  const item: SessionItem & Record<string, unknown> = {
    ...sessionByHashKey(session.hash),
    gsi1pk: sessionFamilyPartition(session.familyId),
    gsi1sk: instantSortKey(session.createdAt, session.id),
    // By expiry, so the expired sessions of a user are one key range.
    gsi2pk: sessionUserPartition(session.userId),
    gsi2sk: instantSortKey(session.expiresAt, session.id),
    id: session.id,
    userId: session.userId,
    familyId: session.familyId,
    hash: session.hash,
    tokenVersion: session.tokenVersion,
    createdAt: session.createdAt,
    expiry: session.expiresAt,
    expiresAt: ttl(session.expiresAt),
    ...(session.rotatedAt ? { rotatedAt: session.rotatedAt } : {}),
    ...(session.revokedAt ? { revokedAt: session.revokedAt } : {}),
  };
  return item;
}

function fromItem(item: SessionItem, familyRevokedAt: string | undefined): RefreshSession {
  return {
    id: item.id,
    userId: item.userId,
    familyId: item.familyId,
    hash: item.hash,
    tokenVersion: Number(item.tokenVersion),
    createdAt: item.createdAt,
    expiresAt: item.expiry,
    rotatedAt: item.rotatedAt ?? null,
    revokedAt: item.revokedAt ?? familyRevokedAt ?? null,
  };
}

/** Runs `fn` over `items`, at most `limit` at a time. */
async function eachLimited<T>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<unknown>,
): Promise<void> {
  for (let i = 0; i < items.length; i += limit) {
    await Promise.all(items.slice(i, i + limit).map(fn));
  }
}

/**
 * Refresh sessions on the sessions table, keyed by token hash (the lookup every refresh makes),
 * with an id pointer for `markRotated`. Revoking a family writes one `FAMILY#…/REVOKED` marker
 * first, read with every `findByHash`: that single consistent write revokes every session of the
 * family, including one written a moment ago that the eventually consistent `byFamily` index
 * does not show yet. The sessions the index does show are then marked one by one, so the
 * conditional `markRotated` refuses them too. `revokeAllForUser` marks what `byUser` shows; a
 * session the index misses still fails, because the service bumps the user's token version
 * alongside, and each session carries the version it was issued for.
 */
export function createDynamoDbRefreshTokenStore(
  client: DocumentClient,
  tableName: string,
): RefreshTokenStore {
  async function familyRevokedAt(familyId: string): Promise<string | undefined> {
    const found = await client.get({
      TableName: tableName,
      Key: familyRevokedKey(familyId),
      ConsistentRead: true,
    });
    return found.Item?.revokedAt as string | undefined;
  }

  /**
   * The session items in one index partition that match a key condition: all pages, or with
   * `limit` a single page of at most that many items read (the filter applies after the limit),
   * which bounds the work of a cleanup.
   */
  async function query(
    indexName: string,
    condition: string,
    values: Record<string, unknown>,
    options: { filter?: string; limit?: number } = {},
  ): Promise<SessionItem[]> {
    const input = {
      TableName: tableName,
      IndexName: indexName,
      KeyConditionExpression: condition,
      ...(options.filter ? { FilterExpression: options.filter } : {}),
      ExpressionAttributeValues: values,
    };
    if (!options.limit) return queryAll<SessionItem>(client, input);
    const page = await client.query({ ...input, Limit: options.limit });
    return (page.Items ?? []) as SessionItem[];
  }

  /** Marks sessions revoked, keeping an earlier revocation; a session gone meanwhile is skipped. */
  async function revokeEach(sessions: SessionItem[], at: string): Promise<void> {
    await eachLimited(sessions, WRITE_CONCURRENCY, async (session) => {
      try {
        await client.update({
          TableName: tableName,
          Key: sessionByHashKey(session.hash),
          UpdateExpression: 'SET revokedAt = if_not_exists(revokedAt, :at)',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: { ':at': at },
        });
      } catch (error) {
        if (!isConditionalCheckFailed(error)) throw error;
      }
    });
  }

  /** Deletes up to a batch of this user's sessions that expired before `now` (and their pointers). */
  async function forgetExpired(userId: string, now: string): Promise<void> {
    const expired = await query(
      SESSIONS_BY_USER_INDEX,
      'gsi2pk = :user AND gsi2sk < :now',
      { ':user': sessionUserPartition(userId), ':now': now },
      { limit: EXPIRED_SESSIONS_PER_CREATE },
    );
    await eachLimited(expired, WRITE_CONCURRENCY, (session) =>
      Promise.all([
        client.delete({ TableName: tableName, Key: sessionByIdKey(session.id) }),
        client.delete({ TableName: tableName, Key: sessionByHashKey(session.hash) }),
      ]),
    );
  }

  return {
    create(session) {
      return withDynamoDbErrors('Refresh token', async () => {
        const clash = () =>
          new ConflictError('A refresh token with this id or hash already exists');
        const pointer = {
          ...sessionByIdKey(session.id),
          hash: session.hash,
          familyId: session.familyId,
          expiresAt: ttl(session.expiresAt),
        };
        // Pointer first, as for API keys: a crash in between leaves a pointer to nothing, which
        // `markRotated` answers with false, never a session that cannot be rotated.
        try {
          await putNew(client, tableName, pointer);
        } catch (error) {
          if (isConditionalCheckFailed(error)) throw clash();
          throw error;
        }
        try {
          await putNew(client, tableName, toItem(session));
        } catch (error) {
          await deleteIfOwned(client, tableName, sessionByIdKey(session.id), 'hash', session.hash);
          if (isConditionalCheckFailed(error)) throw clash();
          throw error;
        }
        // Expired sessions are of no use to anyone: forget this user's as new ones arrive (TTL
        // removes the rest, lazily). Best effort: the new session is stored either way.
        await forgetExpired(session.userId, session.createdAt).catch(() => undefined);
      });
    },

    findByHash(hash) {
      return withDynamoDbErrors('Refresh token', async () => {
        if (!isKeyPart(hash)) return undefined;
        const found = await client.get({
          TableName: tableName,
          Key: sessionByHashKey(hash),
          ConsistentRead: true,
        });
        const item = found.Item as SessionItem | undefined;
        if (!item) return undefined;
        return fromItem(item, item.revokedAt ? undefined : await familyRevokedAt(item.familyId));
      });
    },

    markRotated(id, at) {
      return withDynamoDbErrors('Refresh token', async () => {
        if (!isKeyPart(id)) return false;
        const found = await client.get({
          TableName: tableName,
          Key: sessionByIdKey(id),
          ConsistentRead: true,
        });
        const pointer = found.Item as IdPointerItem | undefined;
        if (!pointer || (await familyRevokedAt(pointer.familyId))) return false;
        try {
          await client.update({
            TableName: tableName,
            Key: sessionByHashKey(pointer.hash),
            UpdateExpression: 'SET rotatedAt = :at',
            ConditionExpression:
              'attribute_exists(pk) AND #id = :id AND attribute_not_exists(rotatedAt) AND attribute_not_exists(revokedAt)',
            ExpressionAttributeNames: { '#id': 'id' },
            ExpressionAttributeValues: { ':at': at, ':id': id },
          });
          return true;
        } catch (error) {
          if (isConditionalCheckFailed(error)) return false;
          throw error;
        }
      });
    },

    revokeFamily(familyId, at) {
      return withDynamoDbErrors('Refresh token', async () => {
        await client.update({
          TableName: tableName,
          Key: familyRevokedKey(familyId),
          UpdateExpression: 'SET revokedAt = if_not_exists(revokedAt, :at), expiresAt = :expires',
          ExpressionAttributeValues: {
            ':at': at,
            // Outlives every session of the family: none lives longer than one token lifetime.
            ':expires': epochSeconds(new Date(Date.parse(at) + REFRESH_TOKEN_TTL_MS + DAY_MS)),
          },
        });
        const sessions = await query(
          SESSIONS_BY_FAMILY_INDEX,
          'gsi1pk = :family',
          { ':family': sessionFamilyPartition(familyId) },
          { filter: 'attribute_not_exists(revokedAt)' },
        );
        await revokeEach(sessions, at);
      });
    },

    revokeAllForUser(userId, at) {
      return withDynamoDbErrors('Refresh token', async () => {
        const sessions = await query(
          SESSIONS_BY_USER_INDEX,
          'gsi2pk = :user',
          { ':user': sessionUserPartition(userId) },
          { filter: 'attribute_not_exists(revokedAt)' },
        );
        await revokeEach(sessions, at);
      });
    },
  };
}
