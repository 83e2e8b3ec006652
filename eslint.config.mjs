// ESLint: typescript-eslint's type-aware recommended rules over the TypeScript, with the types
// from tsconfig.json (projectService). Formatting is prettier's job (npm run format), not ESLint's.
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import tseslint from 'typescript-eslint';

export default defineConfig(
  globalIgnores(['node_modules/', '.cache/', 'coverage/', '.prof/', 'docs/site/', 'docs/.build/']),
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // Off: a synchronous implementation of a Promise-returning interface (the reference Driver, the
      // CLI's subcommands) is written `async` so that a throw becomes a rejection, as on the EVM.
      '@typescript-eslint/require-await': 'off',
      // An argument a signature requires but the body does not use is named _x (receive(_state, _call));
      // a key taken out of an object by destructuring it beside a rest is the idiom for leaving it out.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', ignoreRestSiblings: true }],
    },
  },
  {
    // The .mjs files are not in tsconfig.json: they get the untyped rules only, in Node's globals.
    files: ['**/*.mjs'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
  {
    // The site's script runs in the browser; the Hardhat example's config in Hardhat's CommonJS.
    files: ['docs/id-search.js'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: { window: 'readonly', document: 'readonly', MutationObserver: 'readonly', setTimeout: 'readonly' } },
  },
  {
    files: ['examples/hardhat-consumer/hardhat.config.js'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly', module: 'writable', __dirname: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
