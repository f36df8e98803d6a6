import { defineConfig } from 'eslint/config';
import grafanaI18n from '@grafana/i18n/eslint-plugin';

import baseConfig from './.config/eslint.config.mjs';

export default defineConfig([
  {
    ignores: [
      '**/logs',
      '**/*.log',
      '**/npm-debug.log*',
      '**/yarn-debug.log*',
      '**/yarn-error.log*',
      '**/.pnpm-debug.log*',
      '**/node_modules/',
      '.yarn/cache',
      '.yarn/unplugged',
      '.yarn/build-state.yml',
      '.yarn/install-state.gz',
      '**/.pnp.*',
      '**/pids',
      '**/*.pid',
      '**/*.seed',
      '**/*.pid.lock',
      '**/lib-cov',
      '**/coverage',
      '**/dist/',
      '**/artifacts/',
      '**/work/',
      '**/ci/',
      'test-results/',
      'playwright-report/',
      'blob-report/',
      'playwright/.cache/',
      'playwright/.auth/',
      '**/.idea',
      '**/.eslintcache',
    ],
  },
  ...baseConfig,
  {
    // The base config lints TypeScript under src/ only; tests, the preview host and scripts are code we ship too.
    files: ['tests/**/*.{ts,tsx}', 'preview/**/*.{ts,tsx}', 'bench/**/*.{ts,tsx}'],
  },
  {
    // Every word the panel and its options editor show goes through t() (tests/tools/i18n.test.ts runs these rules).
    files: ['src/**/*.{ts,tsx}', 'tests/tools/fixtures/**/*.tsx'],
    ignores: ['src/**/*.test.{ts,tsx}', 'src/**/test-utils/**'],
    plugins: { '@grafana/i18n': grafanaI18n },
    rules: {
      '@grafana/i18n/no-untranslated-strings': ['error', { calleesToIgnore: ['^css$', '^cx$'] }],
      '@grafana/i18n/no-translation-top-level': 'error',
      '@grafana/i18n/t-plural-defaults': 'error',
    },
  },
  {
    // The fixture breaks the i18n rules on purpose; the test that lints it lifts this.
    ignores: ['tests/tools/fixtures/', '**/*.zip', '.stack/', 'test-artifacts/', 'bench-results/'],
  },
]);
