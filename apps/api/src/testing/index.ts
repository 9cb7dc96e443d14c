export * from './fixtures';
export * from './test-api';
export { openApiDocument } from '../server';
