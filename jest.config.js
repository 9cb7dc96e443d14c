// One jest run over every project: `npm test`. Per project: `npx nx test <project>`.
module.exports = {
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
