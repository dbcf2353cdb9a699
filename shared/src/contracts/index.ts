export * from './common';
export * from './auth';
export * from './patients';
export * from './catalogue';
export * from './orders';
export * from './reports';
export * from './notices';
export * from './api';
