/**
 * Domain errors. Adapters translate storage failures into these, services throw them, and the
 * HTTP layer maps each one to a single problem+json response, so every store answers alike.
 */
export interface FieldError {
  /** Dotted path or parameter name of the offending field, e.g. `counterId` or `camera.brand`. */
  field: string;
  message: string;
}

export abstract class DomainError extends Error {
  abstract readonly kind: DomainErrorKind;
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }
}

export type DomainErrorKind =
  | 'validation'
  | 'unauthenticated'
  | 'forbidden'
  | 'not-found'
  | 'conflict'
  | 'precondition-failed'
  | 'precondition-required'
  | 'unprocessable'
  | 'throttled'
  | 'unavailable';

export class ValidationError extends DomainError {
  readonly kind = 'validation';
  constructor(
    message: string,
    readonly errors: FieldError[] = [],
  ) {
    super(message);
  }
}

export class UnauthenticatedError extends DomainError {
  readonly kind = 'unauthenticated';
  constructor(
    message: string,
    /** Value for `WWW-Authenticate`, naming the scheme the client should use. */
    readonly challenge?: string,
  ) {
    super(message);
  }
}

export class ForbiddenError extends DomainError {
  readonly kind = 'forbidden';
}

export class NotFoundError extends DomainError {
  readonly kind = 'not-found';
}

export class ConflictError extends DomainError {
  readonly kind = 'conflict';
}

export class PreconditionFailedError extends DomainError {
  readonly kind = 'precondition-failed';
}

export class PreconditionRequiredError extends DomainError {
  readonly kind = 'precondition-required';
}

/**
 * A well-formed request the server will not carry out as it stands (422): its own problem type
 * says why (`publish-checklist`, `idempotency-key-reused`), `errors` names each item.
 */
export class UnprocessableError extends DomainError {
  readonly kind = 'unprocessable';
  constructor(
    message: string,
    /** The problem type's last segment, e.g. `publish-checklist` (see docs/problems.md). */
    readonly problemType: string,
    readonly title: string,
    readonly errors: FieldError[] = [],
  ) {
    super(message);
  }
}

export class ThrottledError extends DomainError {
  readonly kind = 'throttled';
  constructor(
    message: string,
    /** Whole seconds the client should wait before trying again. */
    readonly retryAfterSeconds: number,
  ) {
    super(message);
  }
}

/** The store or another dependency is temporarily unable to serve (e.g. provisioned throughput). */
export class UnavailableError extends DomainError {
  readonly kind = 'unavailable';
  constructor(
    message: string,
    readonly retryAfterSeconds = 1,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}
