export * from './questions.ts';
export * from './protocol.ts';
