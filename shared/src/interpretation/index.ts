export * from './booths.ts';
export * from './listening.ts';
export * from './protocol.ts';
