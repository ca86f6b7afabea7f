// @ts-check
import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';

const LOCAL_ONLY = {
  group: ['**/local/*', '../local/*', '../../local/*'],
  message: 'Dev-only code must not reach Lambda bundles or the stack.',
};
// Measured in docs/PERFORMANCE.md: the named `z` keeps every zod locale in a bundle (+355 KB).
const ZOD_NAMED = {
  selector:
    "ImportDeclaration[source.value='zod'] > :matches(ImportSpecifier[imported.name='z'], ImportDefaultSpecifier)",
  message:
    "Use `import * as z from 'zod'`: the named or default import keeps every locale (+355 KB a bundle).",
};
// Lambda code uses zod/mini with zod's messages; full zod costs ~70 KB and ~25 ms of each cold start.
const ZOD_IN_LAMBDAS = {
  group: ['zod', 'zod/*'],
  message:
    "Import z from shared/domain/zod.ts (zod/mini with zod's messages): full zod slows every cold start.",
};

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'cdk.out/',
      '.dynamodb-local/',
      '.local-data/',
      'coverage/',
      'bench/.out/',
      'dist/',
    ],
  },
  eslint.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
      'no-console': 'off',
    },
  },
  {
    files: ['**/*.ts'],
    rules: { 'no-restricted-syntax': ['error', ZOD_NAMED] },
  },
  {
    // dependency-cruiser reads its config as CommonJS.
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { module: 'writable', require: 'readonly' } },
  },
  {
    // Nothing deployed may reach the local stack's dev-only code.
    files: ['infra/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [LOCAL_ONLY] }] },
  },
  {
    files: ['functions/**/*.ts', 'shared/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [LOCAL_ONLY, ZOD_IN_LAMBDAS] }] },
  },
  {
    // The domain is pure: no AWS, no I/O. Adapters and handlers depend on it, never the reverse.
    files: ['shared/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@aws-sdk/*', 'aws-cdk-lib', 'aws-cdk-lib/*', '@middy/*', '@aws-lambda-powertools/*'],
              message: 'The domain knows nothing of AWS or Lambda.',
            },
            {
              group: [
                '../adapters/*',
                '../../functions/*',
                '../../infra/*',
                '../../local/*',
                'node:fs',
                'node:http',
                'node:net',
              ],
              message: 'The domain does no I/O.',
            },
            { group: ['**/local/*'], message: 'Dev-only code must not reach Lambda bundles or the stack.' },
            ZOD_IN_LAMBDAS,
          ],
        },
      ],
    },
  },
  {
    files: ['web/**/*.js'],
    languageOptions: {
      sourceType: 'module',
      globals: {
        window: 'readonly',
        document: 'readonly',
        navigator: 'readonly',
        fetch: 'readonly',
        Intl: 'readonly',
        self: 'readonly',
        console: 'readonly',
        URL: 'readonly',
        atob: 'readonly',
        Uint8Array: 'readonly',
        // The plan page puts itself in place after an action; its buttons are forms.
        XMLHttpRequest: 'readonly',
        FormData: 'readonly',
        URLSearchParams: 'readonly',
      },
    },
  },
  {
    // The clinic console's script: the sign-in (PKCE), the access token in this tab only, its pages
    // shown in place (history) so the refresh token stays in memory.
    files: ['web/console/**/*.js'],
    languageOptions: {
      globals: {
        sessionStorage: 'readonly',
        history: 'readonly',
        Element: 'readonly',
        location: 'readonly',
        crypto: 'readonly',
        URLSearchParams: 'readonly',
        TextEncoder: 'readonly',
        btoa: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        Blob: 'readonly',
      },
    },
  },
  {
    files: ['**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
);
