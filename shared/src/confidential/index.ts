export * from './keys.ts';
export * from './lobby.ts';
export * from './protocol.ts';
