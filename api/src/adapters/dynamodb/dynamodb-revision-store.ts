import type { DocumentClient } from './document-client.js';
import { ConflictError } from '../../domain/errors.js';
import type { Revision, RevisionSummary } from '../../domain/revision.js';
import type { RevisionStore } from '../../ports/revision-store.js';
import { putNew } from './conditional-writes.js';
import { isKeyPart, REVISION_SK_PREFIX, reviewKey, revisionKey } from './keys.js';
import { queryAll } from './query-all.js';
import { withDynamoDbErrors } from './translate-dynamodb-error.js';

/** A revision item: the summary's fields as attributes, the content as one map beside them. */
interface RevisionItem extends RevisionSummary {
  pk: string;
  sk: string;
  content: Revision['content'];
}

const SUMMARY_ATTRIBUTES = ['reviewId', 'n', 'savedAt', 'savedBy', 'title', 'status'];

const summaryOf = (item: RevisionSummary): RevisionSummary => ({
  reviewId: item.reviewId,
  n: item.n,
  savedAt: item.savedAt,
  savedBy: item.savedBy,
  title: item.title,
  status: item.status,
});

/**
 * Revisions on the reviews table, in their review's partition: `REVIEW#{id}` / `REV#{n}`. They
 * carry no index attributes, so no review listing or public read ever meets one. `append` is a
 * conditional put on the key (no two revisions share a number); listing is one Query of the
 * partition's `REV#` range that projects away the content; pruning deletes item by item.
 */
export function createDynamoDbRevisionStore(
  client: DocumentClient,
  tableName: string,
): RevisionStore {
  /** The revisions' keys and numbers, newest first: what pruning needs, no content read. */
  function revisionsOf(reviewId: string, attributes: string[]) {
    return queryAll<RevisionItem>(client, {
      TableName: tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :rev)',
      ExpressionAttributeValues: { ':pk': reviewKey(reviewId).pk, ':rev': REVISION_SK_PREFIX },
      // Every name through a placeholder: some (`status`) are reserved words.
      ProjectionExpression: attributes.map((_, i) => `#a${i}`).join(', '),
      ExpressionAttributeNames: Object.fromEntries(attributes.map((a, i) => [`#a${i}`, a])),
      ScanIndexForward: false,
      ConsistentRead: true,
    });
  }

  return {
    append(revision) {
      return withDynamoDbErrors(
        'Revision',
        async () => {
          const item: RevisionItem = {
            ...revisionKey(revision.reviewId, revision.n),
            reviewId: revision.reviewId,
            n: revision.n,
            savedAt: revision.savedAt,
            savedBy: revision.savedBy,
            title: revision.content.title,
            status: revision.content.status,
            content: revision.content,
          };
          await putNew(client, tableName, item);
        },
        {
          conditionFailed: () =>
            new ConflictError(`Review ${revision.reviewId} already has revision ${revision.n}`),
        },
      );
    },

    list(reviewId) {
      return withDynamoDbErrors('Revision', async () => {
        if (!isKeyPart(reviewId)) return [];
        return (await revisionsOf(reviewId, SUMMARY_ATTRIBUTES)).map(summaryOf);
      });
    },

    get(reviewId, n) {
      return withDynamoDbErrors('Revision', async () => {
        if (!isKeyPart(reviewId) || !Number.isSafeInteger(n) || n < 1) return undefined;
        const found = await client.get({
          TableName: tableName,
          Key: revisionKey(reviewId, n),
          ConsistentRead: true,
        });
        if (!found.Item) return undefined;
        const item = found.Item as RevisionItem;
        return {
          reviewId: item.reviewId,
          n: item.n,
          savedAt: item.savedAt,
          savedBy: item.savedBy,
          content: item.content,
        };
      });
    },

    prune(reviewId, keep) {
      return withDynamoDbErrors('Revision', async () => {
        if (!isKeyPart(reviewId)) return;
        const old = (await revisionsOf(reviewId, ['pk', 'sk'])).slice(keep);
        // One delete per item: no batch write, so that the grant stays DeleteItem alone.
        for (const item of old) {
          await client.delete({ TableName: tableName, Key: { pk: item.pk, sk: item.sk } });
        }
      });
    },
  };
}
