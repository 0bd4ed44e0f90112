// @ts-check
/**
 * Mutation testing of Ferry's pure core (`npm run mutate`, docs/testing.md "Mutation testing").
 * Stryker changes one thing in the code at a time (a mutant) and runs the unit tests that cover that
 * line; a mutant no test notices "survives". Only the unit and property suites run: the e2e, contract,
 * chaos and device suites start the whole stack and would take hours per module.
 */
/** The unit suites that exercise the core, by module; a test elsewhere that pins a core module is listed with it. */
const suiteTests = {
  state: ['test/unit/state/**/*.test.ts', 'test/unit/secrets/peekStateKeyId.test.ts'],
  sync: ['test/unit/sync/**/*.test.ts'],
  translate: ['test/unit/translate/**/*.test.ts'],
  // The retry decision and the error map only: nearly every other client test goes through the retry
  // policy too, so a mutant there would run ~500 tests (an hour for the module) for no more kills.
  graph: ['decideRetry', 'retryArithmetic', 'retryTiming', 'errors', 'ruleTable', 'logging', 'retryLogLines', 'nonIdempotent', 'unauthorized', 'deadline'].map((name) => `test/unit/graph/${name}.test.ts`),
  protocol: ['test/unit/protocol/**/*.test.ts'],
};
const coreSuites = Object.keys(suiteTests);
/**
 * `FERRY_MUTATE_SUITES=state` narrows the suites while working on one module (with `--mutate`);
 * `FERRY_MUTATE_TESTS=test/unit/sync/pullDeltaPages.test.ts,...` names the test files outright.
 */
const suites = process.env.FERRY_MUTATE_SUITES ? process.env.FERRY_MUTATE_SUITES.split(',') : coreSuites;

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  packageManager: 'npm',
  testRunner: 'jest',
  coverageAnalysis: 'perTest',
  jest: {
    projectType: 'custom',
    configFile: 'jest.config.js',
    // The suites that exercise the core (see mutate below); anything else covers none of it or starts the stack.
    config: {
      testMatch: (process.env.FERRY_MUTATE_TESTS ? process.env.FERRY_MUTATE_TESTS.split(',') : suites.flatMap((suite) => suiteTests[suite])).map((glob) => `<rootDir>/${glob}`),
    },
    enableFindRelatedTests: false,
  },
  mutate: [
    'shared/state/**/*.ts',
    'shared/sync/**/*.ts',
    // Body shaping and the mail translators. The calendar, contact and people translators (toDeviceEvent,
    // zoneTimes, toDeviceContact*, toDevicePeople, toSearchMessage, toDeviceAttachmentInfo) have no unit
    // tests yet: only the e2e and contract suites reach them, too slow to run per mutant.
    'shared/translate/{shapeBody,truncateHtml,truncateText,graphemeStart,htmlTokenStream}.ts',
    'shared/translate/{toDeviceMessage,toDeviceFolder,toDevicePreview,toDeviceAddress,mergeGraphItem,missingGraphFields,partialMessages,attachmentFile,folderSelectFields,wellKnownFolderIds}.ts',
    'shared/graph/decideRetry.ts',
    'shared/graph/errorMap.ts',
    'shared/graph/exponentialBackoff.ts',
    'shared/graph/parseRetryAfter.ts',
    'shared/graph/waitBudget.ts',
    'shared/graph/policies/retryPolicy.ts',
    'shared/protocol/problem.ts',
    'shared/protocol/ferryError.ts',
    'shared/protocol/omitDefaults.ts',
    'shared/protocol/readJsonBody.ts',
  ],
  ignorePatterns: ['dist', 'out', 'coverage', 'reports', 'bench/logs', 'dev/bicep', '.azure', '*.log'],
  reporters: ['html', 'json', 'clear-text', 'progress-append-only'],
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  incrementalFile: 'test/mutation/stryker-incremental.json',
  // A static mutant is one whose code runs while a test file loads (a module-level table, or a fixture
  // such as stateFixtures' key ring): Stryker cannot tell which tests need it, so it runs all of the
  // run's tests. They stay in (ignoring them would drop half of shared/state); the narrow test lists
  // above keep them affordable.
  ignoreStatic: false,
  // A mutant that makes a loop endless is cut off after this long and counted as detected ("timeout").
  timeoutMS: 5000,
  concurrency: 1,
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
};
