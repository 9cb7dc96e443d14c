export * from './fixtures';
export * from './test-api';
