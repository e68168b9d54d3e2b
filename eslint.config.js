import tseslint from 'typescript-eslint';
import vitest from '@vitest/eslint-plugin';

// What `pnpm lint` covers. Every file here belongs to a tsconfig.json (a package's `src`, `bench`,
// `examples` and root config files; the root tsconfig for root *.ts and scripts), so the
// type-aware rules get a real program. Files outside these globs (scratch *.mts, *.js) are not
// linted.
const typeScriptFiles = [
  '*.ts',
  'scripts/**/*.ts',
  'packages/*/*.ts',
  'packages/*/src/**/*.ts',
  'packages/*/bench/**/*.ts',
  'packages/*/examples/**/*.ts',
  'apps/*/*.ts',
  'apps/*/src/**/*.ts',
];
const testFiles = ['**/*.test.ts', '**/*.test-d.ts'];

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '**/coverage/**', '.e2e/**', '.ci/out/**'] },
  { linterOptions: { reportUnusedDisableDirectives: 'error' } },
  {
    files: typeScriptFiles,
    extends: [...tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
  {
    files: testFiles,
    plugins: { vitest },
    // Type tests: expectTypeOf and assertType count as assertions for vitest/expect-expect.
    settings: { vitest: { typecheck: true } },
    rules: {
      ...vitest.configs.recommended.rules,
      'vitest/consistent-test-it': ['error', { fn: 'it' }],
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/unbound-method': 'off',
      '@typescript-eslint/no-floating-promises': 'error',
    },
  },
);
