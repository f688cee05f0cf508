import { RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import {
  AttributeType,
  BillingMode,
  ProjectionType,
  Table,
  type Attribute,
} from 'aws-cdk-lib/aws-dynamodb';
import type { Construct } from 'constructs';
import {
  TABLES,
  defaultTablePrefix,
  tableName,
  type KeyAttribute,
  type TableId,
} from '../../api/src/adapters/dynamodb/table-definitions.js';
import type { Stage } from './stages.js';

export interface DataStackProps extends StackProps {
  stage: Stage;
}

const attribute = ({ name, type }: KeyAttribute): Attribute => ({
  name,
  type: type === 'N' ? AttributeType.NUMBER : AttributeType.STRING,
});

/**
 * The stateful half of one stage: its DynamoDB tables, straight from the definitions the adapters
 * use (api/src/adapters/dynamodb/table-definitions.ts). Kept apart from the code so that deploying
 * code never updates, replaces or deletes a table; every table is retained even if the stack goes.
 */
export class DataStack extends Stack {
  readonly tables: Record<TableId, Table>;

  constructor(scope: Construct, id: string, props: DataStackProps) {
    super(scope, id, props);
    const prefix = defaultTablePrefix(props.stage);
    this.tables = Object.fromEntries(
      (Object.keys(TABLES) as TableId[]).map((id) => {
        const def = TABLES[id];
        const table = new Table(this, id, {
          tableName: tableName(prefix, def),
          partitionKey: attribute(def.partitionKey),
          ...(def.sortKey ? { sortKey: attribute(def.sortKey) } : {}),
          billingMode: BillingMode.PAY_PER_REQUEST,
          pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
          deletionProtection: props.stage === 'pro',
          removalPolicy: RemovalPolicy.RETAIN,
          ...('ttlAttribute' in def ? { timeToLiveAttribute: def.ttlAttribute } : {}),
        });
        for (const index of def.globalIndexes) {
          table.addGlobalSecondaryIndex({
            indexName: index.indexName,
            partitionKey: attribute(index.partitionKey),
            ...(index.sortKey ? { sortKey: attribute(index.sortKey) } : {}),
            projectionType: ProjectionType.ALL,
          });
        }
        return [id, table];
      }),
    ) as Record<TableId, Table>;
  }
}
