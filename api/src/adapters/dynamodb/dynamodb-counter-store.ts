import type { DocumentClient, UpdateInput } from './document-client.js';
import type { DayTotals } from '../../domain/counter.js';
import { UnavailableError } from '../../domain/errors.js';
import type { CounterStore } from '../../ports/counter-store.js';
import {
  counterDayKey,
  counterTotalKey,
  epochSeconds,
  visitorMarkerKey,
  type ItemKey,
} from './keys.js';
import {
  isConditionalCheckFailed,
  isUnanswered,
  translateDynamoDbError,
  withDynamoDbErrors,
} from './translate-dynamodb-error.js';
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
 * Hot counters: the counter's own items (`COUNTER#{id}`, shard 0) take every increment until
 * DynamoDB throttles them (one partition key takes about 1,000 writes a second); a throttled
 * increment is added instead to one of `SHARDS - 1` spill shards picked at random, each its own
 * partition key (`COUNTER#{id}#SHARD#{n}`, with the same `TOTAL` and `DAY#…` items), so a
 * popular counter writes over up to ten partitions. Reads sum the shards; the spill shards' part
 * is kept `SHARD_CACHE_MS` per process. Counts stay exact (every increment is one atomic `ADD`
 * on one item); see docs/dynamodb.md for what a visit's answer shows while spilling.
 */
export const SHARDS = 10;
export const SHARD_CACHE_MS = 1_000;

export interface DynamoDbCounterStoreOptions {
  /** The clock for the shard cache (tests move it). */
  now?: () => number;
  /** Which spill shard a throttled increment goes to (random; tests fix it). */
  pickShard?: () => number;
}

const shardPk = (counterId: string, shard: number) =>
  shard === 0 ? counterTotalKey(counterId).pk : `${counterTotalKey(counterId).pk}#SHARD#${shard}`;

interface ShardPart {
  /** Whether any spill shard has a total (the counter exists there). */
  exists: boolean;
  total: number;
  days: Map<string, DayTotals>;
}

const addDay = (days: Map<string, DayTotals>, day: DayTotals) => {
  const previous = days.get(day.date);
  days.set(day.date, {
    date: day.date,
    count: (previous?.count ?? 0) + day.count,
    uniqueVisitors: (previous?.uniqueVisitors ?? 0) + day.uniqueVisitors,
  });
};

/**
 * Whether DynamoDB refused a write for the partition's rate (or a transient failure). Not when no
 * answer came: that increment may have been counted, and spilling it would count it twice.
 */
const isThrottled = (error: unknown) =>
  translateDynamoDbError(error, 'Counter') instanceof UnavailableError && !isUnanswered(error);

/**
 * Counters on one table: `COUNTER#{id}` holds the total (`TOTAL`) and one item per day
 * (`DAY#{date}`); unique-visitor markers are items of their own. Every write is a single-item
 * atomic operation: `ADD` for the totals, a conditional put for the marker.
 */
export function createDynamoDbCounterStore(
  client: DocumentClient,
  tableName: string,
  options: DynamoDbCounterStoreOptions = {},
): CounterStore {
  const now = options.now ?? Date.now;
  const pickShard = options.pickShard ?? (() => 1 + Math.floor(Math.random() * (SHARDS - 1)));
  const shardCache = new Map<
    string,
    { until: number; generation: number; part: Promise<ShardPart> }
  >();
  // Bumped when this process has written to a counter's shards: sums read before are stale.
  const generations = new Map<string, number>();
  // The counter's own items as this process last saw them: what a spilled visit's answer adds
  // its shards to, since the throttled own item could not say.
  const ownTotals = new Map<string, number>();
  const ownDays = new Map<string, DayTotals>();
  const remember = <V>(map: Map<string, V>, key: string, value: V) => {
    if (map.size > 10_000) map.clear();
    map.set(key, value);
  };

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

  /**
   * The spill shards' totals and days (from `fromDay` on), summed: one Query per shard for its
   * days and its `TOTAL` (`DAY#…` sorts before `TOTAL`). Kept `SHARD_CACHE_MS`; reads of days
   * before the cached range read again.
   */
  function shardPart(counterId: string, fromDay: string): Promise<ShardPart> {
    const cacheKey = `${counterId}\n${fromDay}`;
    const generation = generations.get(counterId) ?? 0;
    const hit = shardCache.get(cacheKey);
    if (hit && hit.until > now() && hit.generation === generation) return hit.part;
    const part = Promise.all(
      Array.from({ length: SHARDS - 1 }, (_, i) =>
        client.query({
          TableName: tableName,
          KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
          ExpressionAttributeValues: {
            ':pk': shardPk(counterId, i + 1),
            ':from': `DAY#${fromDay}`,
            ':to': 'TOTAL',
          },
          ConsistentRead: true,
        }),
      ),
    ).then((pages) => {
      const summed: ShardPart = { exists: false, total: 0, days: new Map() };
      for (const item of pages.flatMap((page) => (page.Items ?? []) as DayItem[])) {
        if (item.sk === 'TOTAL') {
          summed.exists = true;
          summed.total += item.count ?? 0;
        } else addDay(summed.days, dayTotals(item.sk.slice('DAY#'.length), item));
      }
      return summed;
    });
    if (shardCache.size > 1_000) shardCache.clear();
    shardCache.set(cacheKey, { until: now() + SHARD_CACHE_MS, generation, part });
    // A failed read is not kept.
    part.catch(() => shardCache.delete(cacheKey));
    return part;
  }

  /** Drops this process's cached shard sums of a counter: it has just written to a shard. */
  function forgetShards(counterId: string): void {
    for (const key of shardCache.keys())
      if (key.startsWith(`${counterId}\n`)) shardCache.delete(key);
  }

  /**
   * One atomic `ADD` on the counter's own item, or, when DynamoDB throttles it, on a spill shard's
   * (which then answers with that shard's figures only).
   */
  async function addSpilling(
    counterId: string,
    sk: string,
    update: Omit<UpdateInput, 'TableName' | 'Key' | 'ReturnValues'>,
  ): Promise<{ shard: number; attributes: Record<string, unknown> }> {
    const send = async (shard: number) =>
      (
        await client.update({
          ...update,
          TableName: tableName,
          Key: { pk: shardPk(counterId, shard), sk },
          ReturnValues: 'UPDATED_NEW',
        })
      ).Attributes ?? {};
    try {
      return { shard: 0, attributes: await send(0) };
    } catch (error) {
      if (!isThrottled(error)) throw error;
      const shard = pickShard();
      try {
        return { shard, attributes: await send(shard) };
      } finally {
        // After the write, so that no sum read while it was in flight is kept.
        forgetShards(counterId);
      }
    }
  }

  return {
    recordVisit({ counterId, day, visitorHash, expiresAt, at }) {
      return withDynamoDbErrors('Counter', async () => {
        const bumpTotal = addSpilling(counterId, 'TOTAL', {
          UpdateExpression:
            'ADD #count :one SET createdAt = if_not_exists(createdAt, :at), updatedAt = :at',
          ExpressionAttributeNames: { '#count': 'count' },
          ExpressionAttributeValues: { ':one': 1, ':at': at.toISOString() },
        });
        // The day's unique count may only grow once the marker put has proven the visitor new.
        const bumpDay = markVisitor(visitorMarkerKey(counterId, day, visitorHash), expiresAt).then(
          (isNew) =>
            addSpilling(counterId, counterDayKey(counterId, day).sk, {
              UpdateExpression:
                'ADD #count :one, uniqueVisitors :unique SET expiresAt = if_not_exists(expiresAt, :expires)',
              ExpressionAttributeNames: { '#count': 'count' },
              ExpressionAttributeValues: {
                ':one': 1,
                ':unique': isNew ? 1 : 0,
                ':expires': epochSeconds(expiresAt) + DAY_TOTALS_RETENTION_DAYS * DAY_SECONDS,
              },
            }),
        );
        const [total, today] = await Promise.all([bumpTotal, bumpDay]);
        // A counter never throttled has nothing on its shards and answers exactly as its own item
        // does. Otherwise the shards' sum is added to the own item's figures: its new value when
        // it took this increment, else the last this process saw of it. Exact in the store; a
        // spilled visit's answer may miss increments other processes made in the last moment.
        const part = await shardPart(counterId, day);
        const dayKey = `${counterId}\n${day}`;
        const ownTotal =
          total.shard === 0 ? Number(total.attributes.count ?? 0) : (ownTotals.get(counterId) ?? 0);
        const ownDay =
          today.shard === 0
            ? dayTotals(day, today.attributes as Omit<DayItem, 'sk'>)
            : (ownDays.get(dayKey) ?? dayTotals(day, {}));
        // Kept for the spilled visits to come; the largest seen, as answers arrive out of order.
        if (ownTotal > (ownTotals.get(counterId) ?? -1)) remember(ownTotals, counterId, ownTotal);
        if (ownDay.count > (ownDays.get(dayKey)?.count ?? -1)) remember(ownDays, dayKey, ownDay);
        const spilledDay = part.days.get(day) ?? dayTotals(day, {});
        return {
          count: ownTotal + part.total,
          today: {
            date: day,
            count: ownDay.count + spilledDay.count,
            uniqueVisitors: ownDay.uniqueVisitors + spilledDay.uniqueVisitors,
          },
        };
      });
    },

    getCounter(counterId, days) {
      return withDynamoDbErrors('Counter', async () => {
        const sorted = [...days].sort();
        const pk = counterTotalKey(counterId).pk;
        // Consistent reads: a page that has just counted a visit must see it when it reads.
        const [total, dayItems, part] = await Promise.all([
          client.get({
            TableName: tableName,
            Key: counterTotalKey(counterId),
            ConsistentRead: true,
          }),
          sorted.length === 0
            ? Promise.resolve([])
            : queryDays(
                pk,
                counterDayKey(counterId, sorted[0]!).sk,
                counterDayKey(counterId, sorted[sorted.length - 1]!).sk,
              ),
          shardPart(counterId, sorted[0] ?? '9999-12-31'),
        ]);
        if (!total.Item && !part.exists) return undefined;
        const wanted = new Set(days);
        const summed = new Map<string, DayTotals>();
        for (const item of dayItems) addDay(summed, dayTotals(item.sk.slice('DAY#'.length), item));
        for (const day of part.days.values()) addDay(summed, day);
        return {
          id: counterId,
          count: Number(total.Item?.count ?? 0) + part.total,
          days: [...summed.values()]
            .filter((d) => wanted.has(d.date))
            .sort((a, b) => a.date.localeCompare(b.date)),
        };
      });
    },
  };
}
