/**
 * Jest runs the TypeScript sources through SWC (fast, no type check: `npm run typecheck` does that).
 * jose 6, parse5 8 (with parse5-sax-parser) and entities 9 ship ESM only, so they are transformed too; `@azure/functions-core` is the worker's internal
 * module, which jest's own module system would bypass a require proxy for: map it to the same stub
 * the local host installs.
 */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.(t|j)sx?$': ['@swc/jest', { jsc: { target: 'es2023', parser: { syntax: 'typescript' } }, module: { type: 'commonjs' } }],
  },
  transformIgnorePatterns: ['/node_modules/(?!(jose|parse5|parse5-sax-parser|entities)/)'],
  moduleNameMapper: { '^@azure/functions-core$': '<rootDir>/dev/host/functionsCore.ts' },
  testTimeout: 30000,
};
