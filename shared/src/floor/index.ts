export * from './speakers-list.ts';
export * from './protocol.ts';
export * from './speaking-time.ts';
