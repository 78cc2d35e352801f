export * from './motion.ts';
export * from './tally.ts';
export * from './eligibility.ts';
export * from './protocol.ts';
