import type { TableId } from '../../api/src/adapters/dynamodb/table-definitions.js';

/**
 * What each controller Lambda may touch: the tables it uses, with exactly the DynamoDB actions its
 * stores send (the adapters' GetCommand, PutCommand, … in api/src/adapters/dynamodb), and whether
 * it reads the stage's JWT secret. The stack builds the IAM policies from this, and the tests
 * check the synthesized policies against it, so a grant cannot drift from the matrix unnoticed.
 */
export type DynamoDbAction = 'GetItem' | 'PutItem' | 'UpdateItem' | 'DeleteItem' | 'Query';

export interface FunctionAccess {
  /** The Lambda entry in api/src/lambda/, without `.ts`. */
  entry: string;
  tables: Partial<Record<TableId, readonly DynamoDbAction[]>>;
  /**
   * Reads `/shutter/{stage}/jwt-secret`: to issue or verify access tokens, or (content) only to
   * derive the key that seals list cursors.
   */
  readsJwtSecret: boolean;
  /** Issues or verifies access tokens: its bundle carries jose. */
  verifiesTokens: boolean;
  /** Hashes or verifies passwords: its asset carries argon2's native binding for linux-arm64. */
  hashesPasswords: boolean;
  /** Routes API Gateway sends to this function (each also gets `{proxy+}` below it). */
  routes: readonly string[];
}

const CRUD = ['GetItem', 'PutItem', 'UpdateItem', 'DeleteItem', 'Query'] as const;

export const ACCESS_MATRIX = {
  // Counting and reading visits; checking the presented API key and marking it used.
  visits: {
    entry: 'visits',
    tables: {
      counters: ['GetItem', 'PutItem', 'UpdateItem', 'Query'],
      apiKeys: ['GetItem', 'UpdateItem'],
    },
    readsJwtSecret: false,
    verifiesTokens: false,
    hashesPasswords: false,
    routes: ['/visits/{counterId}'],
  },
  // Login, refresh and logout, the signed-in user, and the admin routes for users and API keys.
  accounts: {
    entry: 'accounts',
    tables: { users: CRUD, sessions: CRUD, apiKeys: CRUD },
    readsJwtSecret: true,
    verifiesTokens: true,
    hashesPasswords: true,
    routes: ['/auth', '/me', '/users', '/api-keys'],
  },
  // The editors' reviews; resolving a bearer token reads its user.
  reviews: {
    entry: 'reviews',
    tables: { reviews: CRUD, users: ['GetItem', 'Query'] },
    readsJwtSecret: true,
    verifiesTokens: true,
    hashesPasswords: false,
    routes: ['/reviews'],
  },
  // The public read model: published reviews only, read-only. It reads the JWT secret only to
  // derive the list-cursor key (HKDF with its own label); it never sees or checks a token.
  content: {
    entry: 'content',
    tables: { reviews: ['GetItem', 'Query'] },
    readsJwtSecret: true,
    verifiesTokens: false,
    hashesPasswords: false,
    routes: ['/content'],
  },
} as const satisfies Record<string, FunctionAccess>;

export type FunctionId = keyof typeof ACCESS_MATRIX;

export const FUNCTION_IDS = Object.keys(ACCESS_MATRIX) as FunctionId[];

/** The deployed function name, e.g. `shutter-visits`; aliases make it `shutter-visits:pre`. */
export function functionName(fn: FunctionId): string {
  return `shutter-${fn}`;
}
