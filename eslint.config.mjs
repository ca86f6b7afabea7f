// @ts-check
import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'cdk.out/', '.dynamodb-local/', '.local-data/', 'coverage/', 'bench/.out/'] },
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
    // Nothing deployed may reach the local stack's dev-only code.
    files: ['functions/**/*.ts', 'shared/**/*.ts', 'infra/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/local/*', '../local/*', '../../local/*'],
              message: 'Dev-only code must not reach Lambda bundles or the stack.',
            },
          ],
        },
      ],
    },
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
      },
    },
  },
  {
    files: ['**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
);
