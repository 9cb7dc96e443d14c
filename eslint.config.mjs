// Type-aware lint for the whole workspace, with Nx module boundaries:
// the domain depends on nothing; libraries never depend on apps; apps never import apps.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import nx from '@nx/eslint-plugin';
import prettier from 'eslint-config-prettier';
import local from './tools/eslint/no-import-cycle.mjs';

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '**/coverage/**',
      '.nx/**',
      '**/*.js',
      '**/*.mjs',
      '.sakip-data/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    plugins: { '@nx': nx },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': [
        'error',
        { considerDefaultExhaustiveForUnions: true, requireDefaultForNonUnion: false },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': [
        'error',
        { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false },
      ],
      '@typescript-eslint/restrict-template-expressions': [
        'error',
        { allowNumber: true, allowBoolean: true, allowNullish: true },
      ],
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          // End-to-end tests start the API in-process through its testing entry point.
          allow: ['@sakip/api/testing'],
          // The CLI registers its commands from @sakip/application/lean and loads the full library (and the
          // rules library) only inside the command that runs (start-up, ADR 0012): static and lazy imports, on purpose.
          checkDynamicDependenciesExceptions: ['@sakip/application', '@sakip/rules'],
          depConstraints: [
            { sourceTag: 'type:domain', onlyDependOnLibsWithTags: [] },
            // The web application talks to the API over HTTP only: it imports no library of the workspace.
            { sourceTag: 'type:web', onlyDependOnLibsWithTags: [] },
            { sourceTag: 'type:infra', onlyDependOnLibsWithTags: [] },
            { sourceTag: 'type:read-models', onlyDependOnLibsWithTags: ['type:domain', 'type:infra'] },
            {
              sourceTag: 'type:rules',
              onlyDependOnLibsWithTags: ['type:domain', 'type:infra', 'type:read-models'],
            },
            {
              sourceTag: 'type:application',
              onlyDependOnLibsWithTags: ['type:domain', 'type:infra', 'type:read-models', 'type:rules'],
            },
            {
              sourceTag: 'type:app',
              onlyDependOnLibsWithTags: [
                'type:domain',
                'type:infra',
                'type:read-models',
                'type:rules',
                'type:application',
              ],
            },
            {
              // bench/: measures the product through the application library, never an app's files.
              sourceTag: 'type:tool',
              onlyDependOnLibsWithTags: [
                'type:domain',
                'type:infra',
                'type:read-models',
                'type:rules',
                'type:application',
              ],
            },
            {
              sourceTag: 'type:e2e',
              onlyDependOnLibsWithTags: [
                'type:domain',
                'type:infra',
                'type:read-models',
                'type:rules',
                'type:application',
              ],
            },
          ],
        },
      ],
    },
  },
  {
    files: ['libs/domain/**/*.ts'],
    rules: {
      'no-restricted-globals': [
        'error',
        { name: 'Date', message: 'The domain has no clock: time arrives in command metadata.' },
      ],
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['node:*', 'fs', 'path', 'pg', '@nestjs/*', '@electric-sql/*'],
              message: 'The domain is pure: no I/O, no Nest.',
            },
          ],
        },
      ],
    },
  },
  {
    // No cycles through relative imports in the front doors and the application core.
    files: ['apps/**/*.ts', 'libs/application/**/*.ts'],
    plugins: { local },
    rules: { 'local/no-import-cycle': 'error' },
  },
  {
    // The Nest door's shared plumbing (guards, filters, request context) never reaches into a feature.
    files: ['apps/api/src/shared/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ regex: '^\\.\\./', message: 'apps/api/src/shared imports nothing outside itself.' }] },
      ],
    },
  },
  {
    files: ['apps/api/src/shared/*/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: '^\\.\\./\\.\\./', message: 'apps/api/src/shared imports nothing outside itself.' },
          ],
        },
      ],
    },
  },
  {
    // A feature folder of the Nest door imports its own files and the shared plumbing, never another feature.
    files: ['apps/api/src/*/**/*.ts'],
    ignores: ['apps/api/src/shared/**', 'apps/api/src/testing/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^\\.\\./(?!shared/)',
              message:
                'A feature folder imports only its own files and ../shared (features never import features).',
            },
          ],
        },
      ],
    },
  },
  {
    // The application core and the command line load no Nest: only apps/api is the Nest door.
    files: ['libs/application/**/*.ts', 'apps/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@nestjs/*', 'class-validator', 'class-transformer', 'express'],
              message: 'Only apps/api is the Nest door; the application core and the CLI load no Nest.',
            },
            {
              group: ['@sakip/api', '@sakip/api/*'],
              message: 'Apps never import apps (bin/sakip.js hands the HTTP door to the CLI).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.spec.ts', '**/testing/**/*.ts', 'test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/unbound-method': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/require-await': 'off',
    },
  },
  prettier,
);
