import type { DocumentClient } from './document-client.js';
import { ConflictError, NotFoundError, PreconditionFailedError } from '../../domain/errors.js';
import { REVIEW_STATUSES, type Review } from '../../domain/review.js';
import type { ReviewStore } from '../../ports/review-store.js';
import {
  instantSortKey,
  isKeyPart,
  PUBLISHED_PARTITION,
  reviewAuthorPartition,
  reviewKey,
  reviewStatusPartition,
  slugClaimKey,
} from './keys.js';
import {
  REVIEWS_BY_AUTHOR_INDEX,
  REVIEWS_BY_CREATED_INDEX,
  REVIEWS_BY_PUBLISHED_INDEX,
} from './table-definitions.js';
import { isConditionalCheckFailed, withDynamoDbErrors } from './translate-dynamodb-error.js';
import { queryAll } from './query-all.js';
import { putNew } from './conditional-writes.js';

/**
 * The review item: the whole Review as one map attribute (so nothing of it can clash with the
 * key and index attributes), its `version` beside it for conditions, and the index keys.
 */
interface ReviewItem {
  review: Review;
  version: number;
  gsi1sk: string;
  gsi2sk: string;
}

function toItem(review: Review) {
  const created = instantSortKey(review.createdAt, review.id);
  return {
    ...reviewKey(review.id),
    review,
    version: review.version,
    gsi1pk: reviewAuthorPartition(review.authorId, review.status),
    gsi1sk: created,
    gsi2pk: reviewStatusPartition(review.status),
    gsi2sk: created,
    // Only published reviews enter `byPublished`: drafts cannot reach the public read model.
    ...(review.status === 'published'
      ? {
          gsi3pk: PUBLISHED_PARTITION,
          gsi3sk: instantSortKey(review.publishedAt ?? review.createdAt, review.id),
        }
      : {}),
  };
}

const fromItem = (item: Record<string, unknown>): Review => (item as unknown as ReviewItem).review;

const VERSION_CONDITION = 'attribute_exists(pk) AND #version = :expected';

/**
 * Reviews on the reviews table. Reviews are items keyed by id; each slug is a `SLUG#…` claim
 * item holding the review id. Every write is a single conditional write (no transactions).
 * Listings query an index partition per status and merge the (at most two) newest-first streams,
 * so a status filter never reads what it filters out; the content worker queries the sparse
 * `byPublished` index. Nothing here scans.
 */
export function createDynamoDbReviewStore(client: DocumentClient, tableName: string): ReviewStore {
  async function getReview(id: string): Promise<Review | undefined> {
    if (!isKeyPart(id)) return undefined;
    const found = await client.get({
      TableName: tableName,
      Key: reviewKey(id),
      ConsistentRead: true,
    });
    return found.Item ? fromItem(found.Item) : undefined;
  }

  /** Why a version condition failed: one consistent read, since dynalite returns no old item. */
  async function failedCondition(id: string, expectedVersion: number): Promise<Error> {
    const current = await getReview(id);
    if (!current) return new NotFoundError(`No review with id "${id}"`);
    return new PreconditionFailedError(
      `The review is at version ${current.version}, not ${expectedVersion}`,
    );
  }

  /** Up to `count` items of one index partition, newest first, strictly before `before`. */
  async function newest(
    indexName: string,
    n: 1 | 2,
    partition: string,
    count: number,
    before: string | undefined,
  ): Promise<ReviewItem[]> {
    return queryAll<ReviewItem>(
      client,
      {
        TableName: tableName,
        IndexName: indexName,
        KeyConditionExpression:
          before === undefined
            ? `gsi${n}pk = :partition`
            : `gsi${n}pk = :partition AND gsi${n}sk < :before`,
        ExpressionAttributeValues: {
          ':partition': partition,
          ...(before === undefined ? {} : { ':before': before }),
        },
        ScanIndexForward: false,
      },
      count,
    );
  }

  return {
    claimSlug(slug, reviewId) {
      return withDynamoDbErrors(
        'Slug',
        async () => {
          await client.put({
            TableName: tableName,
            Item: { ...slugClaimKey(slug), reviewId },
            // Taking a slug this review already holds is a no-op success.
            ConditionExpression: 'attribute_not_exists(pk) OR reviewId = :id',
            ExpressionAttributeValues: { ':id': reviewId },
          });
        },
        {
          conditionFailed: () => new ConflictError(`The slug "${slug}" is taken by another review`),
        },
      );
    },

    releaseSlug(slug, reviewId) {
      return withDynamoDbErrors('Slug', async () => {
        try {
          await client.delete({
            TableName: tableName,
            Key: slugClaimKey(slug),
            ConditionExpression: 'reviewId = :id',
            ExpressionAttributeValues: { ':id': reviewId },
          });
        } catch (error) {
          // Not ours (any more): a late release must never free another review's slug.
          if (!isConditionalCheckFailed(error)) throw error;
        }
      });
    },

    create(review) {
      return withDynamoDbErrors(
        'Review',
        async () => {
          await putNew(client, tableName, toItem(review));
        },
        { conditionFailed: () => new ConflictError(`A review with id "${review.id}" exists`) },
      );
    },

    get(id) {
      return withDynamoDbErrors('Review', () => getReview(id));
    },

    slugHolder(slug) {
      return withDynamoDbErrors('Slug', async () => {
        if (!isKeyPart(slug)) return undefined;
        const claim = await client.get({
          TableName: tableName,
          Key: slugClaimKey(slug),
          ConsistentRead: true,
        });
        return claim.Item?.reviewId as string | undefined;
      });
    },

    getBySlug(slug) {
      return withDynamoDbErrors('Review', async () => {
        if (!isKeyPart(slug)) return undefined;
        const claim = await client.get({
          TableName: tableName,
          Key: slugClaimKey(slug),
          ConsistentRead: true,
        });
        const reviewId = claim.Item?.reviewId as string | undefined;
        if (!reviewId) return undefined;
        const review = await getReview(reviewId);
        // While a slug moves, the new claim exists before the review carries the new slug.
        return review?.slug === slug ? review : undefined;
      });
    },

    list({ authorId, status, limit, after }) {
      return withDynamoDbErrors('Review', async () => {
        const before = after && instantSortKey(after.createdAt, after.id);
        const statuses = status ? [status] : REVIEW_STATUSES;
        // Each stream's newest limit+1 include the merged newest limit+1.
        const streams = await Promise.all(
          statuses.map((s) =>
            authorId === undefined
              ? newest(REVIEWS_BY_CREATED_INDEX, 2, reviewStatusPartition(s), limit + 1, before)
              : newest(
                  REVIEWS_BY_AUTHOR_INDEX,
                  1,
                  reviewAuthorPartition(authorId, s),
                  limit + 1,
                  before,
                ),
          ),
        );
        const merged = streams
          .flat()
          .sort((a, b) => (a.gsi2sk < b.gsi2sk ? 1 : a.gsi2sk > b.gsi2sk ? -1 : 0));
        return {
          items: merged.slice(0, limit).map((item) => item.review),
          hasMore: merged.length > limit,
        };
      });
    },

    listPublished() {
      return withDynamoDbErrors('Review', async () => {
        const items = await queryAll<Record<string, unknown>>(client, {
          TableName: tableName,
          IndexName: REVIEWS_BY_PUBLISHED_INDEX,
          KeyConditionExpression: 'gsi3pk = :published',
          ExpressionAttributeValues: { ':published': PUBLISHED_PARTITION },
        });
        return items.map(fromItem);
      });
    },

    update(review, expectedVersion) {
      return withDynamoDbErrors('Review', async () => {
        if (!isKeyPart(review.id)) throw new NotFoundError(`No review with id "${review.id}"`);
        try {
          await client.put({
            TableName: tableName,
            Item: toItem(review),
            ConditionExpression: VERSION_CONDITION,
            ExpressionAttributeNames: { '#version': 'version' },
            ExpressionAttributeValues: { ':expected': expectedVersion },
          });
        } catch (error) {
          if (isConditionalCheckFailed(error))
            throw await failedCondition(review.id, expectedVersion);
          throw error;
        }
      });
    },

    delete(id, expectedVersion) {
      return withDynamoDbErrors('Review', async () => {
        if (!isKeyPart(id)) throw new NotFoundError(`No review with id "${id}"`);
        try {
          await client.delete({
            TableName: tableName,
            Key: reviewKey(id),
            ConditionExpression: VERSION_CONDITION,
            ExpressionAttributeNames: { '#version': 'version' },
            ExpressionAttributeValues: { ':expected': expectedVersion },
          });
        } catch (error) {
          if (isConditionalCheckFailed(error)) throw await failedCondition(id, expectedVersion);
          throw error;
        }
      });
    },
  };
}
