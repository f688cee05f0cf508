import type { DocumentClient } from './document-client.js';
import { ConflictError, NotFoundError, PreconditionFailedError } from '../../domain/errors.js';
import { emailKey, type User } from '../../domain/user.js';
import type { LoginFailures, UserChanges, UserStore } from '../../ports/user-store.js';
import {
  emailClaimKey,
  epochSeconds,
  isEmailKey,
  isKeyPart,
  loginFailuresKey,
  USER_LIST_PARTITION,
  USER_PARTITION,
  userKey,
} from './keys.js';
import { USERS_BY_EMAIL_INDEX } from './table-definitions.js';
import { isConditionalCheckFailed, withDynamoDbErrors } from './translate-dynamodb-error.js';
import { queryAll } from './query-all.js';
import { deleteIfOwned, putNew } from './conditional-writes.js';

/**
 * How old a claim on an email address must be, with no user behind it, before a new create may
 * take it over. A create writes the claim and then the user within milliseconds; a claim this old
 * without its user was left by a process that died in between.
 */
export const STALE_EMAIL_CLAIM_MS = 5 * 60_000;

/** Attempts of the read-then-conditional-write loop in `recordLoginFailure`. */
const FAILURE_RETRIES = 5;

const USER_FIELDS = [
  'id',
  'email',
  'name',
  'role',
  'status',
  'passwordHash',
  'tokenVersion',
  'createdAt',
  'updatedAt',
  'lastLoginAt',
] as const satisfies readonly (keyof User)[];

interface EmailClaimItem {
  userId: string;
  claimedAt: string;
}

interface FailureItem {
  failures: number;
  lastFailureAt: string;
  lockedUntil?: string;
}

function toItem(user: User) {
  return {
    ...userKey(user.id),
    gsi1pk: USER_LIST_PARTITION,
    gsi1sk: emailKey(user.email),
    ...Object.fromEntries(USER_FIELDS.map((field) => [field, user[field]])),
  };
}

function fromItem(item: Record<string, unknown>): User {
  const user = Object.fromEntries(USER_FIELDS.map((field) => [field, item[field] ?? null]));
  return { ...user, tokenVersion: Number(item.tokenVersion) } as User;
}

/** The SET and ADD clauses of an update naming only the changed fields. */
function updateExpression(changes: UserChanges) {
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  const sets: string[] = [];
  for (const field of [
    'name',
    'role',
    'status',
    'passwordHash',
    'lastLoginAt',
    'updatedAt',
  ] as const) {
    const value = changes[field];
    if (value === undefined) continue;
    names[`#${field}`] = field;
    values[`:${field}`] = value;
    sets.push(`#${field} = :${field}`);
  }
  const clauses = [
    ...(sets.length > 0 ? [`SET ${sets.join(', ')}`] : []),
    ...(changes.bumpTokenVersion ? ['ADD tokenVersion :one'] : []),
  ];
  if (changes.bumpTokenVersion) values[':one'] = 1;
  return { clauses, names, values };
}

/**
 * Users on the users table. Every user item sits in the `USERS` partition (keyed `USER#{id}`),
 * so `countActiveAdmins` is one consistent Query of that small partition; the `byEmail` index
 * lists users by lower-cased email. Email uniqueness is an `EMAIL#{email key}` claim written with
 * a conditional put before the user item (no transactions); a claim whose user never appeared
 * is taken over once it is older than `STALE_EMAIL_CLAIM_MS`. Failed logins live on
 * `LOGIN#{hash}` items that TTL removes once they can no longer matter.
 */
export function createDynamoDbUserStore(client: DocumentClient, tableName: string): UserStore {
  const getUser = async (id: string): Promise<User | undefined> => {
    if (!isKeyPart(id)) return undefined;
    const found = await client.get({
      TableName: tableName,
      Key: userKey(id),
      ConsistentRead: true,
    });
    return found.Item ? fromItem(found.Item) : undefined;
  };

  const getClaim = async (key: string): Promise<EmailClaimItem | undefined> => {
    const found = await client.get({
      TableName: tableName,
      Key: emailClaimKey(key),
      ConsistentRead: true,
    });
    return found.Item as EmailClaimItem | undefined;
  };

  const taken = () => new ConflictError('A user with this id or email already exists');

  /**
   * Claims `key` for `user`. Fails with ConflictError when a live user holds it; takes over a
   * stale claim (conditionally on it being unchanged, so two takers cannot both win).
   */
  async function claimEmail(key: string, user: User): Promise<void> {
    const claim = { ...emailClaimKey(key), userId: user.id, claimedAt: user.createdAt };
    try {
      await putNew(client, tableName, claim);
      return;
    } catch (error) {
      if (!isConditionalCheckFailed(error)) throw error;
    }
    const existing = await getClaim(key);
    if (!existing) throw taken(); // released meanwhile: a concurrent create is at work
    const holder = await getUser(existing.userId);
    const age = Date.parse(user.createdAt) - Date.parse(existing.claimedAt);
    if (holder || !(age > STALE_EMAIL_CLAIM_MS)) throw taken();
    try {
      await client.put({
        TableName: tableName,
        Item: claim,
        ConditionExpression: 'userId = :stale AND claimedAt = :staleAt',
        ExpressionAttributeValues: {
          ':stale': existing.userId,
          ':staleAt': existing.claimedAt,
        },
      });
    } catch (error) {
      if (isConditionalCheckFailed(error)) throw taken();
      throw error;
    }
  }

  async function releaseEmail(key: string, userId: string): Promise<void> {
    await deleteIfOwned(client, tableName, emailClaimKey(key), 'userId', userId);
  }

  return {
    create(user) {
      return withDynamoDbErrors('User', async () => {
        const key = emailKey(user.email);
        await claimEmail(key, user);
        try {
          await putNew(client, tableName, toItem(user));
        } catch (error) {
          await releaseEmail(key, user.id);
          if (isConditionalCheckFailed(error)) throw taken();
          throw error;
        }
      });
    },

    get(id) {
      return withDynamoDbErrors('User', () => getUser(id));
    },

    findByEmail(email) {
      return withDynamoDbErrors('User', async () => {
        const key = emailKey(email);
        if (!isEmailKey(key)) return undefined;
        const claim = await getClaim(key);
        if (!claim) return undefined;
        const user = await getUser(claim.userId);
        // A claim left by an interrupted create leads to no user, or (after a take-over) to one
        // with another address; neither is the user with this email.
        return user && emailKey(user.email) === key ? user : undefined;
      });
    },

    list({ limit, after }) {
      return withDynamoDbErrors('User', async () => {
        // One extra item tells whether another page follows.
        const found = await queryAll<Record<string, unknown>>(
          client,
          {
            TableName: tableName,
            IndexName: USERS_BY_EMAIL_INDEX,
            KeyConditionExpression:
              after === undefined
                ? 'gsi1pk = :partition'
                : 'gsi1pk = :partition AND gsi1sk > :after',
            ExpressionAttributeValues: {
              ':partition': USER_LIST_PARTITION,
              ...(after === undefined ? {} : { ':after': after }),
            },
          },
          limit + 1,
        );
        const items = found.map(fromItem);
        const pageItems = items.slice(0, limit);
        const last = pageItems[pageItems.length - 1];
        return {
          items: pageItems,
          ...(items.length > limit && last ? { nextAfter: emailKey(last.email) } : {}),
        };
      });
    },

    update(id, changes, options = {}) {
      return withDynamoDbErrors('User', async () => {
        const { clauses, names, values } = updateExpression(changes);
        const expected = options.expectedTokenVersion;
        if (!isKeyPart(id)) throw new NotFoundError(`No user with id "${id}"`);
        if (clauses.length === 0) {
          // Nothing to write: still honour the contract's checks.
          const user = await getUser(id);
          if (!user) throw new NotFoundError(`No user with id "${id}"`);
          if (expected !== undefined && user.tokenVersion !== expected) {
            throw new PreconditionFailedError('The user changed meanwhile');
          }
          return user;
        }
        try {
          const updated = await client.update({
            TableName: tableName,
            Key: userKey(id),
            UpdateExpression: clauses.join(' '),
            ConditionExpression:
              expected === undefined
                ? 'attribute_exists(pk)'
                : 'attribute_exists(pk) AND tokenVersion = :expected',
            ...(Object.keys(names).length > 0 ? { ExpressionAttributeNames: names } : {}),
            ExpressionAttributeValues: {
              ...values,
              ...(expected === undefined ? {} : { ':expected': expected }),
            },
            ReturnValues: 'ALL_NEW',
          });
          return fromItem(updated.Attributes!);
        } catch (error) {
          if (!isConditionalCheckFailed(error)) throw error;
          // dynalite cannot return the old item with the failure: one read tells why it failed.
          if (!(await getUser(id))) throw new NotFoundError(`No user with id "${id}"`);
          throw new PreconditionFailedError('The user changed meanwhile');
        }
      });
    },

    countActiveAdmins() {
      return withDynamoDbErrors('User', async () => {
        let count = 0;
        let startKey: Record<string, unknown> | undefined;
        do {
          const page = await client.query({
            TableName: tableName,
            KeyConditionExpression: 'pk = :partition AND begins_with(sk, :user)',
            FilterExpression: '#role = :admin AND #status = :active',
            ExpressionAttributeNames: { '#role': 'role', '#status': 'status' },
            ExpressionAttributeValues: {
              ':partition': USER_PARTITION,
              ':user': 'USER#',
              ':admin': 'admin',
              ':active': 'active',
            },
            Select: 'COUNT',
            // The last-admin guard reads this right after a write: it must see that write.
            ConsistentRead: true,
            ExclusiveStartKey: startKey,
          });
          count += page.Count ?? 0;
          startKey = page.LastEvaluatedKey;
        } while (startKey);
        return count;
      });
    },

    recordLoginFailure(key, at, windowStart) {
      return withDynamoDbErrors('Login failure', async () => {
        // TTL only tidies up: kept for two windows after the last failure, the record outlives
        // the window (after which the count restarts anyway) and any lock the policy sets.
        const windowMs = Date.parse(at) - Date.parse(windowStart);
        const expiresAt = epochSeconds(new Date(Date.parse(at) + 2 * Math.max(windowMs, 0)));
        for (let attempt = 0; attempt < FAILURE_RETRIES; attempt++) {
          // Within the window: one atomic increment.
          try {
            const counted = await client.update({
              TableName: tableName,
              Key: loginFailuresKey(key),
              UpdateExpression: 'ADD failures :one SET lastFailureAt = :at, expiresAt = :expires',
              ConditionExpression: 'attribute_exists(pk) AND lastFailureAt >= :windowStart',
              ExpressionAttributeValues: {
                ':one': 1,
                ':at': at,
                ':expires': expiresAt,
                ':windowStart': windowStart,
              },
              ReturnValues: 'UPDATED_NEW',
            });
            return Number(counted.Attributes?.failures);
          } catch (error) {
            if (!isConditionalCheckFailed(error)) throw error;
          }
          // No record, or an old one: start again at 1, keeping any lock. If another attempt
          // started the count meanwhile, this condition fails and the increment runs again.
          try {
            await client.update({
              TableName: tableName,
              Key: loginFailuresKey(key),
              UpdateExpression: 'SET failures = :one, lastFailureAt = :at, expiresAt = :expires',
              ConditionExpression: 'attribute_not_exists(pk) OR lastFailureAt < :windowStart',
              ExpressionAttributeValues: {
                ':one': 1,
                ':at': at,
                ':expires': expiresAt,
                ':windowStart': windowStart,
              },
            });
            return 1;
          } catch (error) {
            if (!isConditionalCheckFailed(error)) throw error;
          }
        }
        throw new Error(`Could not count a failed login after ${FAILURE_RETRIES} attempts`);
      });
    },

    lockLogin(key, until) {
      return withDynamoDbErrors('Login failure', async () => {
        try {
          await client.update({
            TableName: tableName,
            Key: loginFailuresKey(key),
            UpdateExpression: 'SET lockedUntil = :until',
            // Never on a missing record, never shortening a longer lock.
            ConditionExpression:
              'attribute_exists(pk) AND (attribute_not_exists(lockedUntil) OR lockedUntil < :until)',
            ExpressionAttributeValues: { ':until': until },
          });
        } catch (error) {
          if (!isConditionalCheckFailed(error)) throw error;
        }
      });
    },

    getLoginFailures(key): Promise<LoginFailures | undefined> {
      return withDynamoDbErrors('Login failure', async () => {
        const found = await client.get({
          TableName: tableName,
          Key: loginFailuresKey(key),
          ConsistentRead: true,
        });
        const item = found.Item as FailureItem | undefined;
        return (
          item && {
            failures: Number(item.failures),
            lastFailureAt: item.lastFailureAt,
            lockedUntil: item.lockedUntil ?? null,
          }
        );
      });
    },

    clearLoginFailures(key) {
      return withDynamoDbErrors('Login failure', async () => {
        await client.delete({ TableName: tableName, Key: loginFailuresKey(key) });
      });
    },
  };
}
