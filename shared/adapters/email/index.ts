export * from './send';
export * from './templates';
