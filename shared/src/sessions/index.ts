export * from './contract.ts';
export * from './turnout.ts';
