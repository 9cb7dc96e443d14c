export * from './fixtures';
export * from './workbooks';
