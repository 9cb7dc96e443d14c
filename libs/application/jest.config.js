module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'application',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
};
