import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import {
  TABLES,
  defaultTablePrefix,
  tableName,
  type TableDefinition,
} from '../../api/src/adapters/dynamodb/table-definitions.js';
import { DataStack } from '../lib/data-stack.js';
import { STACK_NAMES, STAGES } from '../lib/stages.js';

const app = new App();
const stacks = STAGES.map(
  (stage) => [stage, new DataStack(app, STACK_NAMES.data(stage), { stage })] as const,
);
const templates = Object.fromEntries(
  stacks.map(([stage, stack]) => [stage, Template.fromStack(stack)]),
);
const definitions: TableDefinition[] = Object.values(TABLES);

interface TableResource {
  DeletionPolicy: string;
  UpdateReplacePolicy: string;
  Properties: {
    TableName: string;
    BillingMode: string;
    KeySchema: { AttributeName: string; KeyType: string }[];
    PointInTimeRecoverySpecification?: { PointInTimeRecoveryEnabled: boolean };
    TimeToLiveSpecification?: { AttributeName: string; Enabled: boolean };
    GlobalSecondaryIndexes?: {
      IndexName: string;
      KeySchema: { AttributeName: string; KeyType: string }[];
      Projection: { ProjectionType: string };
    }[];
    DeletionProtectionEnabled?: boolean;
  };
}

function tablesOf(stage: (typeof STAGES)[number]): Map<string, TableResource> {
  const resources = templates[stage]!.findResources('AWS::DynamoDB::Table') as Record<
    string,
    TableResource
  >;
  return new Map(Object.values(resources).map((r) => [r.Properties.TableName, r]));
}

const keySchema = (pk: { name: string }, sk?: { name: string }) => [
  { AttributeName: pk.name, KeyType: 'HASH' },
  ...(sk ? [{ AttributeName: sk.name, KeyType: 'RANGE' }] : []),
];

describe.each(STAGES)('the %s data stack', (stage) => {
  const tables = tablesOf(stage);

  it('holds exactly the tables of the definitions, named for the stage', () => {
    expect([...tables.keys()].sort()).toEqual(
      definitions.map((d) => tableName(defaultTablePrefix(stage), d)).sort(),
    );
    expect([...tables.keys()].every((n) => n.startsWith(`shutter-${stage}-`))).toBe(true);
  });

  it.each(definitions.map((d) => [d.suffix, d] as const))(
    '%s: keys, GSIs and TTL as defined; on demand, PITR, retained',
    (_suffix, def) => {
      const table = tables.get(tableName(defaultTablePrefix(stage), def))!;
      expect(table.DeletionPolicy).toBe('Retain');
      expect(table.UpdateReplacePolicy).toBe('Retain');
      expect(table.Properties.BillingMode).toBe('PAY_PER_REQUEST');
      expect(table.Properties.PointInTimeRecoverySpecification).toEqual({
        PointInTimeRecoveryEnabled: true,
      });
      expect(table.Properties.KeySchema).toEqual(keySchema(def.partitionKey, def.sortKey));
      expect(table.Properties.TimeToLiveSpecification).toEqual(
        def.ttlAttribute ? { AttributeName: def.ttlAttribute, Enabled: true } : undefined,
      );
      expect(
        (table.Properties.GlobalSecondaryIndexes ?? []).map((g) => ({
          name: g.IndexName,
          keys: g.KeySchema,
          projection: g.Projection.ProjectionType,
        })),
      ).toEqual(
        def.globalIndexes.map((g) => ({
          name: g.indexName,
          keys: keySchema(g.partitionKey, g.sortKey),
          projection: 'ALL',
        })),
      );
    },
  );

  it(`${stage === 'pro' ? 'protects' : 'does not protect'} its tables against deletion`, () => {
    for (const table of tables.values()) {
      expect(table.Properties.DeletionProtectionEnabled ?? false).toBe(stage === 'pro');
    }
  });

  it('holds nothing but tables: no code, no roles, no secret values', () => {
    const types = new Set(
      Object.values(templates[stage]!.toJSON().Resources as Record<string, { Type: string }>).map(
        (r) => r.Type,
      ),
    );
    expect([...types]).toEqual(['AWS::DynamoDB::Table']);
    templates[stage]!.resourcePropertiesCountIs('AWS::DynamoDB::Table', Match.anyValue(), 5);
  });
});
