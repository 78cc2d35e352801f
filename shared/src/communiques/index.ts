export * from './document.ts';
export * from './verify.ts';
export * from './workflow.ts';
