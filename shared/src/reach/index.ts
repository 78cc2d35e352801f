export * from './schemas.ts';
export * from './audience.ts';
export * from './sources.ts';
export * from './report.ts';
export * from './speaking.ts';
export * from './tables.ts';
