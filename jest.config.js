/** Tests run as ESM TypeScript (the app is ESM, as Zapier's template), transpiled by ts-jest;
 * type errors are caught once by `tsc --noEmit` in `npm test`, not per file here. */
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: { '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.json' }] },
  setupFilesAfterEnv: ['<rootDir>/test/setup.ts'],
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  modulePathIgnorePatterns: ['<rootDir>/dist/', '<rootDir>/dist-tools/'],
  collectCoverageFrom: [
    'index.ts',
    'authentication.ts',
    'triggers/**/*.ts',
    'creates/**/*.ts',
    'searches/**/*.ts',
    'lib/**/*.ts',
  ],
  coverageReporters: ['text-summary', 'lcov'],
  testTimeout: 30000,
  // zapier-platform-core exits the process once it has run 250 invocations with more than 450 MB resident (its
  // Lambda guard): give each test file a worker that starts small.
  workerIdleMemoryLimit: '300MB',
};
