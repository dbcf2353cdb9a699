export * from './schema';
export * from './load';
export * from './notices';
export * from './secrets';
