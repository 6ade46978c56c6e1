import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'cdk.out/', 'dist/', '.data/', 'coverage/', '**/*.js', '**/*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      'no-console': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // CLI output and bench tables are the product's terminal UI, not logs. Tests stay quiet: `npm test` prints
    // results, not stray console output (a skipped suite says why with an explicit disable).
    files: ['bin/**/*.ts', 'bench/**/*.ts'],
    rules: { 'no-console': 'off' },
  },
);
