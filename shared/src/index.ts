export * from './errors.ts';
export * from './media.ts';
export * from './health.ts';
