// Writes e2e-tests/adopter/backstage-release.json: the version of every @backstage
// package that an app made by the pinned @backstage/create-app uses, at the newest
// Backstage release on the npm registry (each package's `latest` dist-tag). The adopter
// stage bumps the fresh app to these, as `backstage-cli versions:bump` would (its release
// manifest host is not reachable here). Run it again to move to a newer release:
//   node scripts/adopter/writeReleaseVersions.mjs <created app dir> <release, e.g. 1.57.0>
//     <the @backstage/create-app version that made it, e.g. 0.9.2>
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [appDir, release, createApp] = process.argv.slice(2);
if (!appDir || !release || !createApp) {
  console.error(
    'usage: node scripts/adopter/writeReleaseVersions.mjs <app dir> <release> <create-app version that made the app>',
  );
  process.exit(2);
}
const manifests = [
  join(appDir, 'package.json'),
  ...readdirSync(join(appDir, 'packages'))
    .map(p => join(appDir, 'packages', p, 'package.json'))
    .filter(file => existsSync(file)),
];
const names = new Set();
for (const file of manifests) {
  const json = JSON.parse(readFileSync(file, 'utf8'));
  for (const deps of [json.dependencies, json.devDependencies]) {
    for (const name of Object.keys(deps ?? {})) {
      if (name.startsWith('@backstage/')) names.add(name);
    }
  }
}
const packages = {};
for (const name of [...names].sort()) {
  packages[name] = execFileSync('npm', ['view', name, 'dist-tags.latest'], {
    encoding: 'utf8',
  }).trim();
}
const out = join(
  import.meta.dirname,
  '../../e2e-tests/adopter/backstage-release.json',
);
writeFileSync(
  out,
  `${JSON.stringify({ createApp, release, packages }, null, 2)}\n`,
);
console.log(`wrote ${Object.keys(packages).length} versions to ${out}`);
