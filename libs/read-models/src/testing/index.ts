export * from './events';
export * from './scenario';
export * from './tables';
