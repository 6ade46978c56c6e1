/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests'],
  testMatch: ['**/*.test.ts'],
  setupFiles: ['<rootDir>/tests/support/jest-setup.ts'],
  transform: {
    // Type checking is `npm run build`; ts-jest only transpiles so the suite stays fast.
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }],
  },
  testTimeout: 30000,
  // Browser, CDK and DynamoDB Local suites are slow to start; two workers match the CI machine.
  maxWorkers: 2,
};
