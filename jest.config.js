// Every suite runs in UTC so that fixed timestamps read the same everywhere.
process.env.TZ = 'UTC';

const base = require('./.config/jest.config');
const { grafanaESModules, nodeModulesToTransform } = require('./.config/jest/utils');

const transform = {
  ...base.transform,
  // @grafana/* and some of their dependencies ship ES modules as .mjs.
  '^.+\\.mjs$': base.transform['^.+\\.(t|j)sx?$'],
};

// Grafana shares one i18next instance between itself, @grafana/i18n and the plugin ('i18next' is
// external in the build); here the plugin's import gets the copy @grafana/i18n uses, as there.
const sharedI18next = require.resolve('i18next', {
  paths: [require('path').dirname(require.resolve('@grafana/i18n/package.json'))],
});

module.exports = {
  projects: [
    {
      ...base,
      displayName: 'unit',
      transform,
      moduleNameMapper: { ...base.moduleNameMapper, '^i18next$': sharedI18next },
      setupFiles: ['<rootDir>/jest-polyfills.js'],
      moduleFileExtensions: ['ts', 'tsx', 'js', 'jsx', 'mjs', 'cjs', 'json'],
      transformIgnorePatterns: [nodeModulesToTransform([...grafanaESModules, 'ol', 'd3-.*', 'internmap'])],
      testMatch: ['<rootDir>/src/**/*.test.{ts,tsx}'],
    },
    {
      displayName: 'stack',
      testEnvironment: 'node',
      transform,
      testMatch: ['<rootDir>/tests/stack/**/*.test.ts'],
    },
    {
      displayName: 'tools',
      testEnvironment: 'node',
      transform,
      testMatch: ['<rootDir>/tests/tools/**/*.test.ts'],
    },
    {
      // The preview host's own modules (frame converter, step, templating): they need @grafana/data, so jsdom.
      ...base,
      displayName: 'preview',
      transform,
      setupFiles: ['<rootDir>/jest-polyfills.js'],
      moduleFileExtensions: ['ts', 'tsx', 'js', 'jsx', 'mjs', 'cjs', 'json'],
      transformIgnorePatterns: [nodeModulesToTransform([...grafanaESModules, 'ol', 'd3-.*', 'internmap'])],
      testMatch: ['<rootDir>/preview/src/**/*.test.{ts,tsx}'],
    },
    {
      displayName: 'e2e',
      testEnvironment: 'node',
      transform,
      testMatch: ['<rootDir>/tests/e2e/**/*.test.ts'],
    },
  ],
};
