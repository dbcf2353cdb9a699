export * from './money';
export * from './errors';
export * from './identity';
export * from './contracts';
