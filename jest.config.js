// One jest run over every project: `npm test`. Per project: `npx nx test <project>`.
module.exports = {
  // A shared 2-core machine: starting an API or importing the fixture can take seconds (a global option).
  testTimeout: 30_000,
  projects: [
    '<rootDir>/libs/domain',
    '<rootDir>/libs/event-store',
    '<rootDir>/libs/read-models',
    '<rootDir>/libs/rules',
    '<rootDir>/libs/application',
    '<rootDir>/apps/api',
    '<rootDir>/apps/projector',
    '<rootDir>/test',
  ],
};
