// What the README tells an adopter to do, read from its "Install into your own
// Backstage" section, so the adopter stage runs exactly those lines: the `sh` block
// (yarn add), the `ts` block (backend.add lines), and the two `yaml` blocks (the
// cluster config, the model's catalog-info.yaml).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const SECTION = '## Install into your own Backstage';

/** The fenced blocks of the README's install section, by language, in order. */
export function readmeInstall(root) {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const start = readme.indexOf(`${SECTION}\n`);
  if (start < 0) throw new Error(`README.md has no "${SECTION}" section`);
  const rest = readme.slice(start + SECTION.length);
  const end = rest.search(/\n## /);
  const section = end < 0 ? rest : rest.slice(0, end);
  const blocks = { sh: [], ts: [], yaml: [] };
  for (const match of section.matchAll(/```(\w+)\n([\s\S]*?)```/g)) {
    blocks[match[1]]?.push(match[2]);
  }
  const [shell] = blocks.sh;
  const [backendLines] = blocks.ts;
  const [clusterConfig, catalogInfo] = blocks.yaml;
  if (!shell || !backendLines || !clusterConfig || !catalogInfo) {
    throw new Error(
      `README.md's "${SECTION}" section must have a sh, a ts and two yaml blocks`,
    );
  }
  return {
    /** Each `yarn ...` command as an argv array (the lines are plain words). */
    commands: shell
      .split('\n')
      .map(line => line.trim())
      .filter(line => line && !line.startsWith('#'))
      .map(line => line.split(/\s+/)),
    /** The `backend.add(...)` lines (comments left out). */
    backendAdds: backendLines
      .split('\n')
      .filter(line => line.startsWith('backend.add(')),
    clusterConfig,
    catalogInfo,
  };
}
