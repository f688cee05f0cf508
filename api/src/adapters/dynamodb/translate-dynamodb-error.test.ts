import { describe, expect, it } from 'vitest';
import {
  ConflictError,
  NotFoundError,
  UnavailableError,
  ValidationError,
} from '../../domain/errors.js';
import { DynamoDbError } from './dynamodb-http-client.js';
import {
  isConditionalCheckFailed,
  isUnanswered,
  translateDynamoDbError,
  withDynamoDbErrors,
} from './translate-dynamodb-error.js';

// As the client throws them: named by the exception type of DynamoDB's answer.
const answered = (name: string, status = 400) => new DynamoDbError(name, 'from DynamoDB', status);
const unanswered = (name: 'TimeoutError' | 'NetworkingError') =>
  new DynamoDbError(name, 'no answer', undefined);

describe('translateDynamoDbError', () => {
  it('turns a failed condition into ConflictError by default', () => {
    const error = answered('ConditionalCheckFailedException');
    expect(isConditionalCheckFailed(error)).toBe(true);
    const translated = translateDynamoDbError(error, 'API key');
    expect(translated).toBeInstanceOf(ConflictError);
    expect((translated as Error).message).toBe('API key already exists');
  });

  it('lets the call say what a failed condition means', () => {
    const translated = translateDynamoDbError(answered('ConditionalCheckFailedException'), 'Key', {
      conditionFailed: () => new NotFoundError('No API key with id "x"'),
    });
    expect(translated).toBeInstanceOf(NotFoundError);
  });

  it.each([
    answered('ProvisionedThroughputExceededException'),
    answered('RequestLimitExceeded'),
    answered('ThrottlingException'),
    // A plain named error (another client, a test stand-in) is read alike.
    Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' }),
    answered('InternalServerError', 500),
    answered('ServiceUnavailable', 503),
    unanswered('TimeoutError'),
    unanswered('NetworkingError'),
  ])('turns $name into a retryable UnavailableError (503 with Retry-After)', (error) => {
    const translated = translateDynamoDbError(error, 'Counter');
    expect(translated).toBeInstanceOf(UnavailableError);
    expect((translated as UnavailableError).retryAfterSeconds).toBe(1);
    expect((translated as UnavailableError).cause).toBe(error);
    expect((translated as Error).message).not.toMatch(/Exception|DynamoDB/);
  });

  it('tells an unanswered request (maybe applied) from a refusal', () => {
    expect(isUnanswered(unanswered('TimeoutError'))).toBe(true);
    expect(isUnanswered(unanswered('NetworkingError'))).toBe(true);
    expect(isUnanswered(answered('ProvisionedThroughputExceededException'))).toBe(false);
    expect(isUnanswered(answered('InternalServerError', 500))).toBe(false);
  });

  it('leaves domain errors and unknown failures as they are', () => {
    const domain = new ValidationError('bad');
    expect(translateDynamoDbError(domain, 'Counter')).toBe(domain);
    const missingTable = answered('ResourceNotFoundException');
    expect(translateDynamoDbError(missingTable, 'Counter')).toBe(missingTable);
    expect(translateDynamoDbError('text', 'Counter')).toBe('text');
    expect(translateDynamoDbError(null, 'Counter')).toBe(null);
  });

  it('withDynamoDbErrors passes results through and rethrows translated errors', async () => {
    await expect(withDynamoDbErrors('Counter', async () => 42)).resolves.toBe(42);
    await expect(
      withDynamoDbErrors('Counter', async () => {
        throw answered('ProvisionedThroughputExceededException');
      }),
    ).rejects.toBeInstanceOf(UnavailableError);
  });
});
