export * from './group.ts';
export * from './ballot.ts';
export * from './trustees.ts';
export * from './board.ts';
export * from './setup.ts';
