export * from './schema';
export * from './load';
export * from './notices';
export * from './inpatient';
export * from './patient-service';
export * from './secrets';
export * from './partners';
export * from './admin';
