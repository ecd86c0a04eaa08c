// Jest global setup of the integration suites: starts one dev cluster (with its
// simulated controllers, demo namespaces and seed data) for the whole run and tells the
// test workers where its state is. Plain JS so Jest needs no transform to load it.
const { execFileSync } = require('node:child_process');
const { mkdtempSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

const cli = join(__dirname, '..', 'bin', 'dev-cluster');

module.exports = async function globalSetup() {
  const stateDir = mkdtempSync(join(tmpdir(), 'mlops-dev-cluster-'));
  const run = args =>
    execFileSync('bash', [cli, ...args, '--state-dir', stateDir], {
      stdio: ['ignore', 'pipe', 'inherit'],
      encoding: 'utf8',
    });
  const started = Date.now();
  // The model servers' Python environment, installed from PyPI once per machine
  // (cached; a later run returns at once). Without python3 the executing suites skip.
  try {
    execFileSync(
      'bash',
      [join(__dirname, '..', 'python', 'install.sh'), 'serving'],
      {
        stdio: ['ignore', 'ignore', 'inherit'],
      },
    );
  } catch {
    process.stderr.write(
      '\n[dev-cluster] no Python environment for model servers: suites that execute notebooks and servers skip\n',
    );
  }
  run([
    'up',
    '--demo-namespaces',
    '--seed',
    '1',
    '--sim-step',
    '200ms',
    '--quiet',
  ]);
  run(['seed']);
  process.env.MLOPS_DEV_CLUSTER_STATE_DIR = stateDir;
  process.stderr.write(
    `\n[dev-cluster] up and seeded in ${((Date.now() - started) / 1000).toFixed(
      1,
    )}s (${stateDir})\n`,
  );
};
