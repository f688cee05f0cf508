import { marshall, unmarshall, type NativeAttributeValue } from '@aws-sdk/util-dynamodb';
import { DynamoDbError, type DynamoDbHttpClient } from './dynamodb-http-client.js';

/** An item, a key or a set of expression values, in plain JavaScript values. */
export type NativeItem = Record<string, NativeAttributeValue>;

interface ExpressionParts {
  ExpressionAttributeNames?: Record<string, string>;
  ExpressionAttributeValues?: NativeItem;
}

type ReturnOld = 'NONE' | 'ALL_OLD';

export interface GetInput {
  TableName: string;
  Key: NativeItem;
  ConsistentRead?: boolean;
  ProjectionExpression?: string;
  ExpressionAttributeNames?: Record<string, string>;
}
export interface GetOutput {
  Item?: NativeItem;
}

export interface PutInput extends ExpressionParts {
  TableName: string;
  Item: NativeItem;
  ConditionExpression?: string;
  ReturnValues?: ReturnOld;
  ReturnValuesOnConditionCheckFailure?: ReturnOld;
}
export interface PutOutput {
  Attributes?: NativeItem;
}

export interface UpdateInput extends ExpressionParts {
  TableName: string;
  Key: NativeItem;
  UpdateExpression?: string;
  ConditionExpression?: string;
  ReturnValues?: ReturnOld | 'UPDATED_OLD' | 'ALL_NEW' | 'UPDATED_NEW';
  ReturnValuesOnConditionCheckFailure?: ReturnOld;
}
export interface UpdateOutput {
  Attributes?: NativeItem;
}

export interface DeleteInput extends ExpressionParts {
  TableName: string;
  Key: NativeItem;
  ConditionExpression?: string;
  ReturnValues?: ReturnOld;
  ReturnValuesOnConditionCheckFailure?: ReturnOld;
}
export interface DeleteOutput {
  Attributes?: NativeItem;
}

interface ReadManyInput extends ExpressionParts {
  TableName: string;
  IndexName?: string;
  FilterExpression?: string;
  ProjectionExpression?: string;
  ExclusiveStartKey?: NativeItem | undefined;
  Limit?: number;
  ConsistentRead?: boolean;
  Select?: 'ALL_ATTRIBUTES' | 'ALL_PROJECTED_ATTRIBUTES' | 'SPECIFIC_ATTRIBUTES' | 'COUNT';
}
export interface QueryInput extends ReadManyInput {
  KeyConditionExpression: string;
  ScanIndexForward?: boolean;
}
export interface ScanInput extends ReadManyInput {
  Segment?: number;
  TotalSegments?: number;
}
export interface ReadManyOutput {
  Items?: NativeItem[];
  Count?: number;
  ScannedCount?: number;
  LastEvaluatedKey?: NativeItem;
}

/**
 * The item operations the stores use, with lib-dynamodb's input and output shapes (plain
 * JavaScript values; undefined attributes dropped), over `DynamoDbHttpClient`. Errors are
 * `DynamoDbError`s; a failed condition's `Item`, when asked for, is converted too.
 */
export interface DocumentClient {
  get(input: GetInput): Promise<GetOutput>;
  put(input: PutInput): Promise<PutOutput>;
  update(input: UpdateInput): Promise<UpdateOutput>;
  delete(input: DeleteInput): Promise<DeleteOutput>;
  query(input: QueryInput): Promise<ReadManyOutput>;
  scan(input: ScanInput): Promise<ReadManyOutput>;
  /** The client underneath, for operations on tables rather than items. */
  readonly http: DynamoDbHttpClient;
}

/** The fields that hold attribute values, on the way in and out. */
const IN_FIELDS = ['Key', 'Item', 'ExpressionAttributeValues', 'ExclusiveStartKey'] as const;
const OUT_FIELDS = ['Item', 'Attributes', 'LastEvaluatedKey'] as const;

// As lib-dynamodb was configured here: an undefined attribute is left out rather than refused.
const toWire = (value: NativeItem) => marshall(value, { removeUndefinedValues: true });
const fromWire = (value: unknown) => unmarshall(value as Parameters<typeof unmarshall>[0]);

function marshallInput(input: object): Record<string, unknown> {
  const wire: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(input)) {
    if (value === undefined) continue;
    wire[field] = (IN_FIELDS as readonly string[]).includes(field)
      ? toWire(value as NativeItem)
      : value;
  }
  return wire;
}

function unmarshallOutput(output: Record<string, unknown>): Record<string, unknown> {
  const native: Record<string, unknown> = { ...output };
  for (const field of OUT_FIELDS) if (output[field]) native[field] = fromWire(output[field]);
  if (Array.isArray(output.Items)) native.Items = output.Items.map(fromWire);
  return native;
}

/** Wraps a client; see `DocumentClient`. */
export function createDocumentClient(http: DynamoDbHttpClient): DocumentClient {
  async function send<O>(operation: string, input: object): Promise<O> {
    try {
      return unmarshallOutput(await http.call(operation, marshallInput(input))) as O;
    } catch (error) {
      if (error instanceof DynamoDbError && error.Item) error.Item = fromWire(error.Item);
      throw error;
    }
  }
  return {
    http,
    get: (input) => send('GetItem', input),
    put: (input) => send('PutItem', input),
    update: (input) => send('UpdateItem', input),
    delete: (input) => send('DeleteItem', input),
    query: (input) => send('Query', input),
    scan: (input) => send('Scan', input),
  };
}
