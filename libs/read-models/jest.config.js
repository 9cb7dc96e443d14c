module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'read-models',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
};
