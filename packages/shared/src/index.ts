export * from './enums.ts';
export * from './creditCode.ts';
export * from './schemas.ts';
