// @ts-check
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** The layer rule: which folders of api/src may import which. */
const layer = (files, forbidden, message) => ({
  files,
  rules: {
    'no-restricted-imports': [
      'error',
      { patterns: forbidden.map((group) => ({ group: [group], message })) },
    ],
  },
});

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '**/cdk.out/**',
      'data/**',
      'coverage/**',
      'test-artifacts/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  { languageOptions: { globals: { ...globals.node } } },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
    },
  },
  layer(
    ['api/src/domain/**'],
    ['../*', 'hono', 'hono/*', '@hono/*', 'zod', 'better-sqlite3', '@aws-sdk/*'],
    'domain imports nothing outside itself',
  ),
  layer(
    ['api/src/ports/**'],
    [
      '../services/*',
      '../adapters/*',
      '../http/*',
      '../lambda/*',
      '../local/*',
      'better-sqlite3',
      '@aws-sdk/*',
    ],
    'ports depend on domain only',
  ),
  layer(
    ['api/src/services/**'],
    [
      '../adapters/*',
      '../http/*',
      '../lambda/*',
      '../local/*',
      'better-sqlite3',
      '@aws-sdk/*',
      'hono',
      'hono/*',
    ],
    'services use domain and ports only',
  ),
  layer(
    ['api/src/http/**'],
    [
      '**/adapters/*',
      '**/adapters/**',
      '**/lambda/*',
      '**/local/*',
      'better-sqlite3',
      '@aws-sdk/*',
    ],
    'http uses services, never adapters or entry points',
  ),
  layer(
    ['api/src/adapters/**'],
    ['**/http/*', '**/http/**', '**/lambda/*', '**/local/*'],
    'adapters implement ports; they never reach up into http or entry points',
  ),
);
