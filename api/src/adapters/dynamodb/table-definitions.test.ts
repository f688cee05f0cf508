import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.js';
import { createTableInput } from './ensure-tables.js';
import {
  API_KEYS_TABLE,
  COUNTERS_TABLE,
  defaultTablePrefix,
  tableNames,
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
});
