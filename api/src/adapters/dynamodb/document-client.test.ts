import { describe, expect, it } from 'vitest';
import { createDocumentClient } from './document-client.js';
import { DynamoDbError, type DynamoDbHttpClient } from './dynamodb-http-client.js';

/** Records what the document client sends and answers with the scripted wire answer. */
function recording(answer: (operation: string) => unknown) {
  const sent: { operation: string; input: Record<string, unknown> }[] = [];
  const http: DynamoDbHttpClient = {
    async call<T>(operation: string, input: object) {
      sent.push({ operation, input: input as Record<string, unknown> });
      const result = answer(operation);
      if (result instanceof Error) throw result;
      return result as T;
    },
    destroy() {},
  };
  return { sent, doc: createDocumentClient(http) };
}

describe('the document client', () => {
  it('marshals keys, items and expression values, dropping undefined attributes', async () => {
    const { sent, doc } = recording(() => ({}));
    await doc.put({
      TableName: 't',
      Item: { pk: 'a', n: 3, tags: ['x'], nested: { ok: true, gone: undefined }, gone: undefined },
      ConditionExpression: 'attribute_not_exists(pk)',
    });
    await doc.update({
      TableName: 't',
      Key: { pk: 'a', sk: 'TOTAL' },
      UpdateExpression: 'ADD #count :one',
      ExpressionAttributeNames: { '#count': 'count' },
      ExpressionAttributeValues: { ':one': 1, ':nothing': null },
      ReturnValues: 'UPDATED_NEW',
    });
    await doc.query({
      TableName: 't',
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': 'a' },
      ExclusiveStartKey: { pk: 'a', sk: 'DAY#1' },
      Limit: 5,
    });
    expect(sent).toEqual([
      {
        operation: 'PutItem',
        input: {
          TableName: 't',
          Item: {
            pk: { S: 'a' },
            n: { N: '3' },
            tags: { L: [{ S: 'x' }] },
            nested: { M: { ok: { BOOL: true } } },
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      {
        operation: 'UpdateItem',
        input: {
          TableName: 't',
          Key: { pk: { S: 'a' }, sk: { S: 'TOTAL' } },
          UpdateExpression: 'ADD #count :one',
          ExpressionAttributeNames: { '#count': 'count' },
          ExpressionAttributeValues: { ':one': { N: '1' }, ':nothing': { NULL: true } },
          ReturnValues: 'UPDATED_NEW',
        },
      },
      {
        operation: 'Query',
        input: {
          TableName: 't',
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': { S: 'a' } },
          ExclusiveStartKey: { pk: { S: 'a' }, sk: { S: 'DAY#1' } },
          Limit: 5,
        },
      },
    ]);
  });

  it('leaves an undefined ExclusiveStartKey out (the first page)', async () => {
    const { sent, doc } = recording(() => ({}));
    await doc.scan({ TableName: 't', ExclusiveStartKey: undefined });
    expect(sent[0]).toEqual({ operation: 'Scan', input: { TableName: 't' } });
  });

  it('unmarshals items, attributes and page keys', async () => {
    const { doc } = recording((operation) =>
      operation === 'GetItem'
        ? { Item: { pk: { S: 'a' }, count: { N: '42' }, when: { NULL: true } } }
        : operation === 'UpdateItem'
          ? { Attributes: { count: { N: '7' } } }
          : {
              Items: [{ pk: { S: 'a' }, tags: { SS: ['x', 'y'] } }],
              Count: 1,
              ScannedCount: 1,
              LastEvaluatedKey: { pk: { S: 'a' } },
            },
    );
    expect(await doc.get({ TableName: 't', Key: { pk: 'a' } })).toEqual({
      Item: { pk: 'a', count: 42, when: null },
    });
    expect(await doc.update({ TableName: 't', Key: { pk: 'a' } })).toEqual({
      Attributes: { count: 7 },
    });
    expect(await doc.query({ TableName: 't', KeyConditionExpression: 'pk = :pk' })).toEqual({
      Items: [{ pk: 'a', tags: new Set(['x', 'y']) }],
      Count: 1,
      ScannedCount: 1,
      LastEvaluatedKey: { pk: 'a' },
    });
    // No item: no Item field, as lib-dynamodb answers.
    const { doc: empty } = recording(() => ({}));
    expect(await empty.get({ TableName: 't', Key: { pk: 'b' } })).toEqual({});
  });

  it('passes errors on, with a failed condition’s item unmarshalled', async () => {
    const failed = new DynamoDbError('ConditionalCheckFailedException', 'failed', 400, {
      Item: { pk: { S: 'a' }, version: { N: '2' } },
    });
    const { doc } = recording(() => failed);
    const error = await doc
      .delete({
        TableName: 't',
        Key: { pk: 'a' },
        ConditionExpression: 'version = :v',
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      })
      .then(
        () => expect.fail('expected the delete to fail'),
        (e: unknown) => e as DynamoDbError,
      );
    expect(error).toBe(failed);
    expect(error.name).toBe('ConditionalCheckFailedException');
    expect(error.Item).toEqual({ pk: 'a', version: 2 });
  });
});
