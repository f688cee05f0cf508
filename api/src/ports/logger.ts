/**
 * The structured logger the app writes to. pino satisfies it; tests pass a silent or capturing
 * one. Fields go first so that every line is one JSON object with a request id.
 */
export interface Logger {
  debug(fields: object, message?: string): void;
  info(fields: object, message?: string): void;
  warn(fields: object, message?: string): void;
  error(fields: object, message?: string): void;
  child(fields: object): Logger;
}
