// The adopter stage's app: a new Backstage app made by the pinned @backstage/create-app,
// moved to the newest release (e2e-tests/adopter/backstage-release.json), with this
// repository's plugins installed from their packed tarballs by exactly the README's
// install lines, typechecked with `skipLibCheck: false`. scripts/test-all.mjs then
// starts it against a dev cluster and drives it with Chromium.
import { spawn } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { startLocalRegistry } from './localRegistry.mjs';
import { readmeInstall } from './readmeInstall.mjs';

const root = join(import.meta.dirname, '..', '..');
const work = join(root, '.run', 'adopter');
const fixtures = join(root, 'e2e-tests', 'adopter');
/** The app's yarn.lock of the last refresh: the same versions every run. */
const committedLock = join(fixtures, 'yarn.lock');
const SCOPE = '@backstage-mlops/';

/** The published packages: every workspace package under plugins/. */
function publishedPackages() {
  return readdirSync(join(root, 'plugins'))
    .map(dir => join(root, 'plugins', dir))
    .filter(dir => existsSync(join(dir, 'package.json')))
    .map(dir => ({
      dir,
      name: JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).name,
    }));
}

/** Runs a command; resolves to its exit code and output (also echoed). */
function exec(command, args, { cwd = root, env = {}, input } = {}) {
  return new Promise(resolve => {
    const child = spawn(command, args, {
      cwd,
      env: { ...process.env, ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let output = '';
    const take = chunk => {
      output += chunk;
      process.stdout.write(chunk);
    };
    child.stdout.on('data', take);
    child.stderr.on('data', take);
    child.stdin.end(input ?? '');
    child.on('exit', code => resolve({ code: code ?? 1, output }));
    child.on('error', error => resolve({ code: 127, output: error.message }));
  });
}

async function step(name, command, args, options) {
  const started = Date.now();
  console.log(`[adopter] ${name}: ${command} ${args.join(' ')}`);
  const result = await exec(command, args, options);
  console.log(
    `[adopter] ${name}: exit ${result.code} in ${Math.round(
      (Date.now() - started) / 1000,
    )}s`,
  );
  if (result.code !== 0)
    throw new Error(`${name} failed (exit ${result.code})`);
  return result;
}

/** Yarn in the app, never immutable (the app's lockfile takes the new tarballs). */
const appYarnEnv = {
  YARN_ENABLE_IMMUTABLE_INSTALLS: 'false',
  YARN_ENABLE_TELEMETRY: '0',
};

/** Moves every @backstage dependency of the app to the release's version. */
function bumpToRelease(appDir, release) {
  const manifests = [
    join(appDir, 'package.json'),
    ...readdirSync(join(appDir, 'packages'))
      .map(p => join(appDir, 'packages', p, 'package.json'))
      .filter(file => existsSync(file)),
  ];
  for (const file of manifests) {
    const json = JSON.parse(readFileSync(file, 'utf8'));
    for (const deps of [json.dependencies, json.devDependencies]) {
      for (const name of Object.keys(deps ?? {})) {
        const version = release.packages[name];
        if (version && !deps[name].startsWith('workspace:'))
          deps[name] = `^${version}`;
      }
    }
    writeFileSync(file, `${JSON.stringify(json, null, 2)}\n`);
  }
  writeFileSync(
    join(appDir, 'backstage.json'),
    `${JSON.stringify({ version: release.release }, null, 2)}\n`,
  );
}

/**
 * The same pins as this repository's root package.json for the binaries of other
 * platforms that the npm registry reachable here lacks (toolchain notes); an adopter
 * elsewhere does not need them.
 */
function pinMissingPlatformBinaries(appDir) {
  const ours = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const pins = Object.fromEntries(
    Object.entries(ours.resolutions).filter(([name]) =>
      /^(@swc\/core-|@rollup\/rollup-|@unrs\/resolver-binding-|@yarnpkg\/core$)/.test(
        name,
      ),
    ),
  );
  const file = join(appDir, 'package.json');
  const app = JSON.parse(readFileSync(file, 'utf8'));
  app.resolutions = { ...app.resolutions, ...pins };
  writeFileSync(file, `${JSON.stringify(app, null, 2)}\n`);
}

/** Points the app's Yarn at the local registry for our scope. */
function useLocalRegistry(appDir, registryUrl) {
  const file = join(appDir, '.yarnrc.yml');
  const scope = SCOPE.slice(1, -1);
  let text = readFileSync(file, 'utf8');
  // A release made minutes ago is younger than the template's npmMinimalAgeGate.
  text = text.replace(
    /npmPreapprovedPackages:\n/,
    `npmPreapprovedPackages:\n  - '${SCOPE}*'\n`,
  );
  text += [
    'npmScopes:',
    `  ${scope}:`,
    `    npmRegistryServer: '${registryUrl}'`,
    'unsafeHttpWhitelist:',
    "  - 'localhost'",
    '',
  ].join('\n');
  writeFileSync(file, text);
}

/** Removes earlier packs of our packages from Yarn's global cache (same version, new content). */
async function forgetCachedPacks() {
  const { output } = await exec('yarn', ['config', 'get', 'cacheFolder'], {
    cwd: work,
  });
  const cacheFolder = output.trim().split('\n').pop();
  if (!cacheFolder || !existsSync(cacheFolder)) return;
  for (const file of readdirSync(cacheFolder)) {
    if (file.startsWith(SCOPE.replace('/', '-'))) {
      rmSync(join(cacheFolder, file), { force: true });
    }
  }
}

/**
 * A yarn.lock without the entries of our packages: they are packed anew every run
 * (another checksum, another registry port), so the README's `yarn add` resolves them.
 */
function withoutOurPackages(lock) {
  return lock
    .split(/\n(?=\S)/)
    .filter(entry => !entry.startsWith(`"${SCOPE}`))
    .join('\n');
}

/** Adds the README's backend.add lines before `backend.start()`. */
function addBackendLines(appDir, lines) {
  const file = join(appDir, 'packages', 'backend', 'src', 'index.ts');
  const text = readFileSync(file, 'utf8');
  const at = text.lastIndexOf('backend.start();');
  if (at < 0) throw new Error(`${file} has no backend.start()`);
  writeFileSync(
    file,
    `${text.slice(0, at)}${lines.join('\n')}\n\n${text.slice(at)}`,
  );
}

/**
 * Makes the app in .run/adopter/app. Resolves to the app's directory, whether its
 * typecheck with `skipLibCheck: false` passed, and what to run it with; throws when a
 * step before the typecheck fails.
 */
export async function prepareAdopterApp() {
  const release = JSON.parse(
    readFileSync(join(fixtures, 'backstage-release.json'), 'utf8'),
  );
  const readme = readmeInstall(root);
  mkdirSync(work, { recursive: true });
  const tarballs = join(work, 'tarballs');
  rmSync(tarballs, { recursive: true, force: true });
  mkdirSync(tarballs, { recursive: true });

  // 1. Our packages, built and packed as `npm publish` would take them.
  const packages = publishedPackages();
  await step('typescript declarations', 'yarn', ['tsc']);
  for (const { dir, name } of packages) {
    await step(`build ${name}`, 'yarn', ['build'], { cwd: dir });
    const out = join(tarballs, `${name.replace(SCOPE, '')}.tgz`);
    await step(`pack ${name}`, 'yarn', ['pack', '--out', out], { cwd: dir });
  }
  const registry = await startLocalRegistry(
    readdirSync(tarballs).map(file => join(tarballs, file)),
  );
  console.log(
    `[adopter] local registry for ${SCOPE}* on ${
      registry.url
    }: ${registry.names.join(', ')}`,
  );
  try {
    // 2. A new app, moved to the newest release.
    const appDir = join(work, 'app');
    rmSync(appDir, { recursive: true, force: true });
    await step(
      'create-app',
      'npx',
      [
        '-y',
        `@backstage/create-app@${release.createApp}`,
        '--skip-install',
        '--path',
        appDir,
      ],
      { cwd: work, input: 'adopter-app\n' },
    );
    bumpToRelease(appDir, release);
    pinMissingPlatformBinaries(appDir);
    useLocalRegistry(appDir, registry.url);
    // The app's lockfile: the committed one, so that everything but our packages
    // (which the README's `yarn add` resolves anew) is the same every run. The first
    // `yarn add` installs the app with it.
    if (existsSync(committedLock)) {
      copyFileSync(committedLock, join(appDir, 'yarn.lock'));
    }
    await forgetCachedPacks();

    // 3. Exactly the README's lines.
    for (const [command, ...args] of readme.commands) {
      await step(`README: ${args.slice(0, 3).join(' ')}`, command, args, {
        cwd: appDir,
        env: appYarnEnv,
      });
    }
    addBackendLines(appDir, readme.backendAdds);
    if (process.env.MLOPS_ADOPTER_WRITE_LOCK === '1') {
      writeFileSync(
        committedLock,
        withoutOurPackages(readFileSync(join(appDir, 'yarn.lock'), 'utf8')),
      );
      console.log(`[adopter] wrote ${committedLock}`);
    }

    // 4. The app's full typecheck: every .d.ts, ours included.
    const typecheck = await exec('yarn', ['tsc:full'], { cwd: appDir });
    return {
      appDir,
      typecheckPassed: typecheck.code === 0,
      readme,
      close: () => registry.close(),
    };
  } catch (error) {
    await registry.close();
    throw error;
  }
}
