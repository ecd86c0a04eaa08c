// Stops the dev cluster of the integration run; `down` also deletes its state dir.
const { execFileSync } = require('node:child_process');
const { join } = require('node:path');

module.exports = async function globalTeardown() {
  const stateDir = process.env.MLOPS_DEV_CLUSTER_STATE_DIR;
  if (stateDir) {
    execFileSync(
      'bash',
      [
        join(__dirname, '..', 'bin', 'dev-cluster'),
        'down',
        '--state-dir',
        stateDir,
      ],
      {
        stdio: 'inherit',
      },
    );
  }
};
