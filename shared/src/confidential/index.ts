export * from './lobby.ts';
export * from './protocol.ts';
