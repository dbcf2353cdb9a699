export * from './common';
export * from './auth';
export * from './patients';
export * from './api';
