// ESLint for the whole repository (`npm run lint`, part of `npm test`): typescript-eslint's
// type-aware recommended rules, React's hooks rules in the renderer, zero warnings allowed.
// Formatting is Prettier's job (`npm run format:check`), so no stylistic rules here.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    // What .gitignore leaves out (ESLint does not read it), and built or saved-as-is files.
    ignores: [
      'node_modules/',
      'dist/',
      'out/',
      'release/',
      '.tools/',
      '.electron-native/',
      'playwright-report/',
      'dossier-sample/',
      'e2e/.cache/',
      'e2e/artifacts/',
      'test-results/',
      'docs/',
      '**/testing/web-corpus/',
      'electron/e2e/fixture-renderer/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // Unused names are errors, except a leading underscore (a deliberately ignored argument).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true }],
      // Dossier matches control characters on purpose: to strip them from file names, XML and
      // one-line messages (core/errors.ts printable, export/xml-text.ts).
      'no-control-regex': 'off',
    },
  },
  {
    // The classic hooks rules: hooks called unconditionally, effects that list what they read.
    // (The React Compiler's rules in the plugin's newer presets judge code written for the
    // compiler, which the renderer does not use.)
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
      // Props and the app context are plain objects of arrow functions made in components,
      // declared in method shorthand (`onAdd(key): void`); destructuring them is how React code
      // reads them, and none depends on `this`.
      '@typescript-eslint/unbound-method': 'off',
    },
  },
  {
    // These files replace citeproc-js methods for speed and keep the originals to call them
    // later with `.call(engine, …)` (core/fast-paths.ts guards them): detached on purpose.
    files: ['citations/citeproc-fast.ts', 'citations/citeproc-string-shortcuts.ts', 'citations/via-punctuation.ts'],
    rules: { '@typescript-eslint/unbound-method': 'off' },
  },
  {
    // Tests read JSON the program printed and spy on methods: values typed `any` and detached
    // methods (`expect(spy.method)`) are how they work, not mistakes.
    files: ['**/*.test.{ts,tsx}', '**/testing/**', '**/testing.*.ts', 'e2e/**', 'drills/**'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/unbound-method': 'off',
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    // Plain JavaScript (build scripts, the fake Electron): no type information to lint with.
    files: ['**/*.{js,mjs,cjs}'],
    ignores: ['electron/e2e/fixture-renderer/**'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: {
      globals: {
        window: 'readonly',
        document: 'readonly',
        process: 'readonly',
        console: 'readonly',
        URL: 'readonly',
        Buffer: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setImmediate: 'readonly',
        module: 'writable',
        require: 'readonly',
        __dirname: 'readonly',
        Request: 'readonly',
        Response: 'readonly',
        fetch: 'readonly',
        structuredClone: 'readonly',
        TextEncoder: 'readonly',
        TextDecoder: 'readonly',
        performance: 'readonly',
        AbortController: 'readonly',
      },
    },
  },
);
