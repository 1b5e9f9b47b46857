// One jest run for the whole workspace: unit and service specs beside the code, end-to-end suites in tests/.
const { compilerOptions } = require('./tsconfig.base.json');
// Every timeout derives from one setting (tests/support/timeouts.ts): raise it on a busy or slow machine.
const scale = Math.max(1, Number(process.env.FORUM_TEST_TIMEOUT_SCALE) || 1);

const moduleNameMapper = Object.fromEntries(Object.entries(compilerOptions.paths).map(([alias, [target]]) => [`^${alias}$`, `<rootDir>/${target}`]));

const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      target: 'es2022',
      keepClassNames: true,
    },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  },
];

module.exports = {
  rootDir: __dirname,
  testEnvironment: 'node',
  transform: { '^.+\\.(t|j)s$': swc },
  moduleNameMapper,
  testMatch: ['<rootDir>/libs/**/*.spec.ts', '<rootDir>/bench/**/*.spec.ts', '<rootDir>/apps/*/src/**/*.spec.ts', '<rootDir>/tests/**/*.e2e-spec.ts'],
  // a few dependencies ship only ES modules, which jest's CommonJS runtime must have compiled
  transformIgnorePatterns: [
    '/node_modules/(?!(content-disposition|file-type|strtok3|token-types|uint8array-extras|@tokenizer|@borewit|peek-readable|@scure/base|@noble/hashes|oauth4webapi|openid-client|jose)/)',
  ],
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '<rootDir>/apps/web/'],
  globalSetup: '<rootDir>/tests/support/global-setup.ts',
  testSequencer: '<rootDir>/tests/support/test-sequencer.js',
  globalTeardown: '<rootDir>/tests/support/global-teardown.ts',
  // a bound, not a pace: tests wait for conditions; generous so a busy 2-core machine passes
  testTimeout: 60000 * scale,
  // three: a browser journey spends much of its time waiting (network idle, the worker, a socket), so a third
  // suite keeps both cores busy
  maxWorkers: 3,
};
