/** One jest run for shared, config, bff and cross-part tests. Browser tests live in test/e2e. */
const swc = ['@swc/jest', { jsc: { target: 'es2022', parser: { syntax: 'typescript' } }, module: { type: 'commonjs' } }];

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  transform: { '^.+\\.(t|j)s$': swc },
  testPathIgnorePatterns: ['/node_modules/', '/client/', '/dist/'],
  roots: ['<rootDir>/shared', '<rootDir>/config', '<rootDir>/bff', '<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  testTimeout: 30_000,
  maxWorkers: 2,
};
