export * from './enums.ts';
export * from './creditCode.ts';
export * from './schemas.ts';
export * from './catalogue.ts';
export * from './catalogueSchemas.ts';
export * from './trading.ts';
export * from './tradingSchemas.ts';
export * from './operationsSchemas.ts';
