export * from './money';
export * from './errors';
export * from './identity';
export * from './id-person';
export * from './contracts';
