export * from './accounts.ts';
export * from './jurisdictions.ts';
export * from './organizations.ts';
export * from './audit.ts';
export * from './catalogue.ts';
export * from './jobs.ts';
export * from './files.ts';
export * from './matching.ts';
