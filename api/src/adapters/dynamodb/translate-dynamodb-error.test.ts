import {
  ConditionalCheckFailedException,
  InternalServerError,
  ProvisionedThroughputExceededException,
  RequestLimitExceeded,
  ResourceNotFoundException,
} from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import {
  ConflictError,
  NotFoundError,
  UnavailableError,
  ValidationError,
} from '../../domain/errors.js';
import {
  isConditionalCheckFailed,
  translateDynamoDbError,
  withDynamoDbErrors,
} from './translate-dynamodb-error.js';

const meta = { $metadata: {}, message: 'from the SDK' };

describe('translateDynamoDbError', () => {
  it('turns a failed condition into ConflictError by default', () => {
    const error = new ConditionalCheckFailedException(meta);
    expect(isConditionalCheckFailed(error)).toBe(true);
    const translated = translateDynamoDbError(error, 'API key');
    expect(translated).toBeInstanceOf(ConflictError);
    expect((translated as Error).message).toBe('API key already exists');
  });

  it('lets the call say what a failed condition means', () => {
    const translated = translateDynamoDbError(new ConditionalCheckFailedException(meta), 'Key', {
      conditionFailed: () => new NotFoundError('No API key with id "x"'),
    });
    expect(translated).toBeInstanceOf(NotFoundError);
  });

  it.each([
    new ProvisionedThroughputExceededException(meta),
    new RequestLimitExceeded(meta),
    // The SDK has no class for ThrottlingException; it arrives as a plain named error.
    Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' }),
    new InternalServerError(meta),
  ])('turns $name into a retryable UnavailableError (503 with Retry-After)', (error) => {
    const translated = translateDynamoDbError(error, 'Counter');
    expect(translated).toBeInstanceOf(UnavailableError);
    expect((translated as UnavailableError).retryAfterSeconds).toBe(1);
    expect((translated as UnavailableError).cause).toBe(error);
    expect((translated as Error).message).not.toMatch(/Exception|SDK/);
  });

  it('leaves domain errors and unknown failures as they are', () => {
    const domain = new ValidationError('bad');
    expect(translateDynamoDbError(domain, 'Counter')).toBe(domain);
    const missingTable = new ResourceNotFoundException(meta);
    expect(translateDynamoDbError(missingTable, 'Counter')).toBe(missingTable);
    expect(translateDynamoDbError('text', 'Counter')).toBe('text');
    expect(translateDynamoDbError(null, 'Counter')).toBe(null);
  });

  it('withDynamoDbErrors passes results through and rethrows translated errors', async () => {
    await expect(withDynamoDbErrors('Counter', async () => 42)).resolves.toBe(42);
    await expect(
      withDynamoDbErrors('Counter', async () => {
        throw new ProvisionedThroughputExceededException(meta);
      }),
    ).rejects.toBeInstanceOf(UnavailableError);
  });
});
