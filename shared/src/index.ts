export * from './errors.ts';
export * from './media.ts';
export * from './health.ts';
export * from './domain/index.ts';
export * from './protocol.ts';
export * from './floor/index.ts';
export * from './interpretation/index.ts';
export * from './votes/index.ts';
