export * from '@sakip/application/testing';
export * from './test-api';
export { openApiDocument } from '../server';
