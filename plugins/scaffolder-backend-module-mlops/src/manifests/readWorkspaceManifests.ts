import { execFile } from 'node:child_process';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { InputError, NotFoundError } from '@backstage/errors';
import { parseManifests } from './parseManifests';
import type { SourcedManifest } from './types';

const execFileAsync = promisify(execFile);

const KUSTOMIZATION_FILES = [
  'kustomization.yaml',
  'kustomization.yml',
  'Kustomization',
];

async function listYamlFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const files: string[] = [];
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) {
      files.push(...(await listYamlFiles(full)));
    } else if (/\.ya?ml$/.test(entry.name)) {
      files.push(full);
    }
  }
  return files;
}

/**
 * Options of {@link readWorkspaceManifests}.
 *
 * @public
 */
export interface ReadWorkspaceManifestsOptions {
  workspacePath: string;
  /** Workspace-relative file or directory. */
  path: string;
  /** A kubectl binary to render kustomize overlays with (`kubectl kustomize`). */
  kubectlPath?: string;
}

/**
 * Reads the manifests at a workspace path: one YAML file, a directory of YAML files
 * (recursively, in name order), or a kustomize overlay (a directory with a
 * `kustomization.yaml`), which is rendered with `kubectl kustomize` when a kubectl
 * binary is configured; without one, an overlay is refused with a message that says
 * how to fix it. Paths outside the workspace are refused.
 *
 * @public
 */
export async function readWorkspaceManifests(
  options: ReadWorkspaceManifestsOptions,
): Promise<{ manifests: SourcedManifest[]; renderedWith?: string }> {
  const { workspacePath, path, kubectlPath } = options;
  let target: string;
  try {
    target = resolveSafeChildPath(workspacePath, path);
  } catch {
    throw new InputError(`path "${path}" is outside the workspace`);
  }
  const info = await stat(target).catch(() => undefined);
  if (!info) {
    throw new NotFoundError(`path "${path}" does not exist in the workspace`);
  }
  const show = (file: string) => relative(workspacePath, file) || '.';
  if (info.isFile()) {
    return {
      manifests: parseManifests(await readFile(target, 'utf8'), show(target)),
    };
  }
  const names = await readdir(target);
  if (KUSTOMIZATION_FILES.some(k => names.includes(k))) {
    if (!kubectlPath) {
      throw new InputError(
        `path "${path}" is a kustomize overlay, and no kubectl is configured to render it: set mlops.scaffolder.kubectlPath in the portal config, or point the action at a directory of plain YAML (e.g. the output of \`kubectl kustomize ${path}\`)`,
      );
    }
    let stdout: string;
    try {
      ({ stdout } = await execFileAsync(kubectlPath, ['kustomize', target], {
        maxBuffer: 32 * 1024 * 1024,
        timeout: 60_000,
      }));
    } catch (error) {
      const stderr = String((error as { stderr?: string }).stderr ?? '')
        .split(workspacePath)
        .join('<workspace>')
        .trim();
      throw new InputError(
        `kubectl kustomize ${path} failed: ${
          stderr || (error as Error).message
        }`,
      );
    }
    return {
      manifests: parseManifests(stdout, `${path} (kustomize)`),
      renderedWith: 'kubectl kustomize',
    };
  }
  const files = await listYamlFiles(target);
  if (files.length === 0) {
    throw new InputError(`path "${path}" holds no .yaml or .yml file`);
  }
  const manifests: SourcedManifest[] = [];
  for (const file of files) {
    manifests.push(...parseManifests(await readFile(file, 'utf8'), show(file)));
  }
  return { manifests };
}
