// The HTTP API for end-to-end tests (fixtures: @sakip/application/testing).
export * from './test-api';
export { openApiDocument } from '../server';
