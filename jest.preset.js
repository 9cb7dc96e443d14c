// Shared jest settings: ts-jest transpiles only (tsconfig has isolatedModules); `npm run typecheck`
// does the type checking once for the whole workspace.
const path = require('node:path');
const { pathsToModuleNameMapper } = require('ts-jest');
const { compilerOptions } = require('./tsconfig.base.json');

const root = __dirname;

module.exports = {
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: path.join(root, 'tsconfig.json'), diagnostics: false }] },
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper: pathsToModuleNameMapper(compilerOptions.paths, { prefix: root + '/' }),
  setupFiles: [path.join(root, 'jest.setup.js')],
  globalSetup: path.join(root, 'jest.global-setup.js'),
  globalTeardown: path.join(root, 'jest.global-teardown.js'),
  // A shared 2-core machine: starting an API or importing the fixture can take seconds.
  testTimeout: 30_000,
};
