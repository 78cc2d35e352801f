export * from './motion.ts';
export * from './tally.ts';
export * from './protocol.ts';
