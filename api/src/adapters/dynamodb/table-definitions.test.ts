import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.js';
import { createTableInput } from './ensure-tables.js';
import {
  API_KEYS_TABLE,
  COUNTERS_TABLE,
  defaultTablePrefix,
  REVIEWS_TABLE,
  SESSIONS_TABLE,
  tableNames,
  TABLES,
  USERS_TABLE,
} from './table-definitions.js';

describe('table definitions', () => {
  it('names one table per aggregate per stage', () => {
    expect(defaultTablePrefix('pro')).toBe('shutter-pro-');
    for (const stage of ['local', 'dev', 'pre', 'pro']) {
      expect(loadConfig({ SHUTTER_STAGE: stage }).tablePrefix).toBe(defaultTablePrefix(stage));
    }
    expect(tableNames('shutter-dev-')).toEqual({
      counters: 'shutter-dev-counters',
      apiKeys: 'shutter-dev-api-keys',
      reviews: 'shutter-dev-reviews',
      users: 'shutter-dev-users',
      sessions: 'shutter-dev-sessions',
    });
  });

  it('turns a definition into an on-demand CreateTable request', () => {
    expect(createTableInput('shutter-dev-api-keys', API_KEYS_TABLE)).toEqual({
      TableName: 'shutter-dev-api-keys',
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [
        { AttributeName: 'pk', AttributeType: 'S' },
        { AttributeName: 'sk', AttributeType: 'S' },
        { AttributeName: 'gsi1pk', AttributeType: 'S' },
        { AttributeName: 'gsi1sk', AttributeType: 'S' },
      ],
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: [
        {
          IndexName: 'byCreated',
          KeySchema: [
            { AttributeName: 'gsi1pk', KeyType: 'HASH' },
            { AttributeName: 'gsi1sk', KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        },
      ],
    });
  });

  it('declares no index on the counters table and TTL on expiresAt', () => {
    const input = createTableInput('c', COUNTERS_TABLE);
    expect(input.GlobalSecondaryIndexes).toBeUndefined();
    expect(COUNTERS_TABLE.ttlAttribute).toBe('expiresAt');
  });

  it('gives every table the generic pk/sk key and string index keys gsiNpk/gsiNsk', () => {
    for (const table of Object.values(TABLES)) {
      const input = createTableInput('t', table);
      expect(input.KeySchema).toEqual([
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ]);
      for (const index of input.GlobalSecondaryIndexes ?? []) {
        const [hash, range] = index.KeySchema!.map((k) => k.AttributeName);
        expect(hash).toMatch(/^gsi(\d)pk$/);
        expect(range).toBe(hash!.replace('pk', 'sk'));
        expect(index.Projection).toEqual({ ProjectionType: 'ALL' });
      }
    }
  });

  it('declares the indexes the reviews, users and sessions stores query', () => {
    const indexes = (table: Parameters<typeof createTableInput>[1]) =>
      (createTableInput('t', table).GlobalSecondaryIndexes ?? []).map((i) => [
        i.IndexName,
        i.KeySchema![0]!.AttributeName,
      ]);
    expect(indexes(REVIEWS_TABLE)).toEqual([
      ['byAuthor', 'gsi1pk'],
      ['byCreated', 'gsi2pk'],
      ['byPublished', 'gsi3pk'],
    ]);
    expect(indexes(USERS_TABLE)).toEqual([['byEmail', 'gsi1pk']]);
    expect(indexes(SESSIONS_TABLE)).toEqual([
      ['byFamily', 'gsi1pk'],
      ['byUser', 'gsi2pk'],
    ]);
  });

  it('expires failed logins and sessions through TTL, and never reviews', () => {
    expect(USERS_TABLE.ttlAttribute).toBe('expiresAt');
    expect(SESSIONS_TABLE.ttlAttribute).toBe('expiresAt');
    // Only idempotency keys carry `expiresAt` there.
    expect(REVIEWS_TABLE.ttlAttribute).toBe('expiresAt');
  });
});
