// Type-checked linting for every workspace. Plain JS (scripts, this file) is
// linted without type information.
import { createRequire } from 'node:module';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

// The hard-coded-string guard checks client code only, so its plugin is the
// client's dev dependency and resolves from there.
const i18next = createRequire(new URL('./client/package.json', import.meta.url))(
  'eslint-plugin-i18next',
);

/**
 * LANG-1: every word a reader sees comes from client/src/i18n/messages.
 * Flags text in JSX and in user-visible attributes (aria-label, title, alt,
 * placeholder, value); attributes that are not prose are let through, and so
 * are strings whose type is a literal union (`kind="video"`). The brand is
 * the one word spelt the same in every language.
 */
export const hardCodedStringGuard = {
  files: ['client/src/**/*.tsx'],
  ignores: ['client/src/**/*.test.tsx'],
  plugins: { i18next },
  rules: {
    'i18next/no-literal-string': [
      'error',
      {
        mode: 'jsx-only',
        'jsx-attributes': {
          exclude: [
            'className',
            'style',
            'type',
            'key',
            'id',
            'href',
            // React Router's href.
            'to',
            'lang',
            'dir',
            'as',
            'data-testid',
            'autoComplete',
            'pattern',
            'viewBox',
          ],
        },
        words: { exclude: ['[0-9!-/:-@[-`{-~\\s—–…]+', 'Majlis'] },
        message: 'Hard-coded user-visible string; add it to client/src/i18n/messages/*.json',
      },
    ],
  },
};

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '**/dist-test/**',
      'data/**',
      'test-results/**',
      'coverage/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: {
          allowDefaultProject: ['vitest.config.ts', 'eslint.config.js', 'scripts/*.mjs'],
        },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-confusing-void-expression': 'off',
      '@typescript-eslint/no-unnecessary-condition': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      // `const { secret: _secret, ...rest } = x` is how we drop a field.
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          varsIgnorePattern: '^_',
          argsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
          ignoreRestSiblings: true,
        },
      ],
    },
  },
  {
    files: ['client/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  hardCodedStringGuard,
  {
    // Tests read API replies as untyped JSON on purpose: they check what the
    // wire carries, not what our types claim. Schemas are checked elsewhere.
    files: ['test/src/**/*.ts', 'test/bench/**/*.ts', '**/*.test.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', URL: 'readonly' },
    },
  },
);
