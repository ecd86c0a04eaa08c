// The integration suites (`*.integration.test.ts`): Backstage's jest configuration for
// every workspace package, narrowed to integration tests, with one dev cluster started
// for the whole run (packages/dev-cluster/jest). `./dev test integration` runs it; the
// unit stage (`backstage-cli repo test`) ignores these files through package.json.
const path = require('node:path');

module.exports = (async () => {
  const base = await require('@backstage/cli/config/jest');
  return {
    ...base,
    projects: base.projects.map(project => ({
      ...project,
      testMatch: ['**/*.integration.test.{js,ts}'],
      testPathIgnorePatterns: ['/node_modules/'],
    })),
    globalSetup: path.join(
      __dirname,
      'packages/dev-cluster/jest/globalSetup.js',
    ),
    globalTeardown: path.join(
      __dirname,
      'packages/dev-cluster/jest/globalTeardown.js',
    ),
    testTimeout: 120_000,
    // Backstage's catalog backend, started by startTestBackend (catalog discovery
    // suite), leaves timers running after backend.stop(); without this, jest waits
    // for them forever after every suite has passed.
    forceExit: true,
  };
})();
