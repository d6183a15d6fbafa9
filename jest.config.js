/** Tests run as ESM TypeScript against real Redis, PostgreSQL and HTTP servers (see README). */
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: { '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.json' }] },
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  testTimeout: 30000,
  // One build before all files (test/support/build-once.cjs): the built commands are tested as users run them.
  globalSetup: '<rootDir>/test/support/build-once.cjs',
  reporters: ['default', '<rootDir>/test/support/file-times-reporter.cjs'],
};
