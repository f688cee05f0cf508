import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { DayTotals } from '../../domain/counter.js';
import type { CounterStore } from '../../ports/counter-store.js';
import {
  counterDayKey,
  counterTotalKey,
  epochSeconds,
  visitorMarkerKey,
  type ItemKey,
} from './keys.js';
import { isConditionalCheckFailed, withDynamoDbErrors } from './translate-dynamodb-error.js';
import { putNew } from './conditional-writes.js';
import { queryAll } from './query-all.js';

/**
 * How long a day's totals are kept after the day ends. The API charts 30 days; the margin leaves
 * room for a longer chart later without keeping every day forever.
 */
export const DAY_TOTALS_RETENTION_DAYS = 90;
const DAY_SECONDS = 86_400;

interface DayItem {
  sk: string;
  count?: number;
  uniqueVisitors?: number;
}

const dayTotals = (day: string, item: Omit<DayItem, 'sk'>): DayTotals => ({
  date: day,
  count: item.count ?? 0,
  uniqueVisitors: item.uniqueVisitors ?? 0,
});

/**
 * Counters on one table: `COUNTER#{id}` holds the total (`TOTAL`) and one item per day
 * (`DAY#{date}`); unique-visitor markers are items of their own. Every write is a single-item
 * atomic operation: `ADD` for the totals, a conditional put for the marker.
 */
export function createDynamoDbCounterStore(
  client: DynamoDBDocumentClient,
  tableName: string,
): CounterStore {
  /** Creates the marker if absent; true when this is the visitor's first visit of the day. */
  async function markVisitor(key: ItemKey, expiresAt: Date): Promise<boolean> {
    try {
      await putNew(client, tableName, { ...key, expiresAt: epochSeconds(expiresAt) });
      return true;
    } catch (error) {
      if (isConditionalCheckFailed(error)) return false;
      throw error;
    }
  }

  /** Every day item of one counter between two sort keys, all pages. */
  async function queryDays(pk: string, from: string, to: string): Promise<DayItem[]> {
    return queryAll<DayItem>(client, {
      TableName: tableName,
      KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
      ExpressionAttributeValues: { ':pk': pk, ':from': from, ':to': to },
      ConsistentRead: true,
    });
  }

  return {
    recordVisit({ counterId, day, visitorHash, expiresAt, at }) {
      return withDynamoDbErrors('Counter', async () => {
        const bumpTotal = client.send(
          new UpdateCommand({
            TableName: tableName,
            Key: counterTotalKey(counterId),
            UpdateExpression:
              'ADD #count :one SET createdAt = if_not_exists(createdAt, :at), updatedAt = :at',
            ExpressionAttributeNames: { '#count': 'count' },
            ExpressionAttributeValues: { ':one': 1, ':at': at.toISOString() },
            ReturnValues: 'UPDATED_NEW',
          }),
        );
        // The day's unique count may only grow once the marker put has proven the visitor new.
        const bumpDay = markVisitor(visitorMarkerKey(counterId, day, visitorHash), expiresAt).then(
          (isNew) =>
            client.send(
              new UpdateCommand({
                TableName: tableName,
                Key: counterDayKey(counterId, day),
                UpdateExpression:
                  'ADD #count :one, uniqueVisitors :unique SET expiresAt = if_not_exists(expiresAt, :expires)',
                ExpressionAttributeNames: { '#count': 'count' },
                ExpressionAttributeValues: {
                  ':one': 1,
                  ':unique': isNew ? 1 : 0,
                  ':expires': epochSeconds(expiresAt) + DAY_TOTALS_RETENTION_DAYS * DAY_SECONDS,
                },
                ReturnValues: 'UPDATED_NEW',
              }),
            ),
        );
        const [total, today] = await Promise.all([bumpTotal, bumpDay]);
        return {
          count: Number(total.Attributes?.count),
          today: dayTotals(day, (today.Attributes ?? {}) as DayItem),
        };
      });
    },

    getCounter(counterId, days) {
      return withDynamoDbErrors('Counter', async () => {
        const sorted = [...days].sort();
        const pk = counterTotalKey(counterId).pk;
        // Consistent reads: a page that has just counted a visit must see it when it reads.
        const [total, dayItems] = await Promise.all([
          client.send(
            new GetCommand({
              TableName: tableName,
              Key: counterTotalKey(counterId),
              ConsistentRead: true,
            }),
          ),
          sorted.length === 0
            ? Promise.resolve([])
            : queryDays(
                pk,
                counterDayKey(counterId, sorted[0]!).sk,
                counterDayKey(counterId, sorted[sorted.length - 1]!).sk,
              ),
        ]);
        if (!total.Item) return undefined;
        const wanted = new Set(days);
        return {
          id: counterId,
          count: Number(total.Item.count),
          days: dayItems
            .map((item) => dayTotals(item.sk.slice('DAY#'.length), item))
            .filter((d) => wanted.has(d.date)),
        };
      });
    },
  };
}
