// One jest run over every project: `npm test`. Per project: `npx nx test <project>`.
module.exports = {
  // Hooks open stores and servers; on a busy 2-core machine 5 s (and at times
  // 30 s) is not enough for them (a global option).
  testTimeout: 60_000,
  // Two workers on the 2-core machine: most suites wait on child processes, servers and databases, so two at a
  // time keep both cores busy (one worker, jest's default here, took 712 s).
  maxWorkers: 2,
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
