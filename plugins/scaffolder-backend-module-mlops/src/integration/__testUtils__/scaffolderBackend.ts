// The real scaffolder and catalog backends with this package's module, for the
// end-to-end suite: started by startTestBackend, called over HTTP as a user, with
// the ml-model template registered as a file location, like app-config.yaml does.
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
// Test only: the demo's local publishing (a workspace package that is never
// published), so the template runs end to end without an SCM host.
import demoLocalPublish from '@backstage-mlops/demo-local-publish';
// Test only: the end-to-end suite runs the backend a portal runs, whose mlops read
// API is what the new model's Training tab shows; the module itself never imports it.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import mlopsBackendPlugin from '@backstage-mlops/plugin-mlops-backend';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import kubernetesPlugin from '@backstage/plugin-kubernetes-backend';
import catalogModuleTemplateKind from '@backstage/plugin-catalog-backend-module-scaffolder-entity-model';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import type { ClusterDetails } from '@backstage/plugin-kubernetes-node';
import type { JsonObject } from '@backstage/types';
import {
  mockMlopsClusterAccess,
  mockMlopsClusterAccessServiceFactory,
} from '@backstage-mlops/plugin-mlops-node/testUtils';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import request from 'supertest';
import yaml from 'yaml';
import scaffolderModuleMlops from '../..';
import { waitFor } from './waitFor';

/** templates/ml-model of this repository. */
export const TEMPLATE_DIR = resolve(
  __dirname,
  '../../../../../templates/ml-model',
);

export type TestServer = Awaited<ReturnType<typeof startTestBackend>>['server'];

/**
 * Starts scaffolder + catalog with the given `mlops` config and local publishing, and
 * the mlops backend plugin, whose read API is what the new model's tabs show. The
 * clusters are either handed over as the Kubernetes plugin would (`clusters`), or
 * located by the real Kubernetes backend plugin from `kubernetes` config (its
 * `clusterLocatorMethods`), with `catalogFiles` as extra catalog locations (e.g. a
 * kubernetes-cluster Resource for the `catalog` locator). Resolves once the catalog
 * has processed the template's location, so the template can be run at once.
 */
export async function startScaffolderBackend(
  options: { mlops: JsonObject; catalogFiles?: string[] } & (
    | { clusters: ClusterDetails[] }
    | { kubernetes: JsonObject }
  ),
) {
  const clusterAccess =
    'clusters' in options
      ? [
          mockMlopsClusterAccessServiceFactory(
            mockMlopsClusterAccess(options.clusters),
          ),
        ]
      : [kubernetesPlugin];
  const backend = await startTestBackend({
    features: [
      ...clusterAccess,
      scaffolderPlugin,
      scaffolderModuleMlops,
      catalogPlugin,
      catalogModuleTemplateKind,
      demoLocalPublish,
      mlopsBackendPlugin,
      mockServices.rootConfig.factory({
        data: {
          app: { baseUrl: 'http://localhost:3000' },
          backend: { baseUrl: 'http://localhost:0' },
          mlops: options.mlops,
          ...('kubernetes' in options
            ? { kubernetes: options.kubernetes }
            : {}),
          catalog: {
            rules: [{ allow: ['Component', 'Resource', 'System', 'Location'] }],
            locations: [
              {
                type: 'file',
                target: join(TEMPLATE_DIR, 'template.yaml'),
                rules: [{ allow: ['Template'] }],
              },
              ...(options.catalogFiles ?? []).map(target => ({
                type: 'file',
                target,
              })),
            ],
          },
        },
      }),
    ],
  });
  // The template location is processed by the catalog in the background.
  await waitFor(
    async () =>
      (
        await asUser(backend.server).get(
          '/api/catalog/entities/by-name/template/default/ml-model',
        )
      ).status === 200,
    60_000,
    'the ml-model template in the catalog',
  );
  return backend;
}

/** supertest on the server, as the mock user. */
export function asUser(server: TestServer) {
  const auth = mockCredentials.user.header();
  return {
    get: (path: string) => request(server).get(path).set('Authorization', auth),
    post: (path: string, body: object) =>
      request(server).post(path).set('Authorization', auth).send(body),
  };
}

export { waitFor };

/** The template entity as the dry-run endpoint takes it. */
export async function templateEntity() {
  return yaml.parse(
    await readFile(join(TEMPLATE_DIR, 'template.yaml'), 'utf8'),
  );
}

/** Every file of the template directory, as the dry-run endpoint takes them. */
export async function templateDirectoryContents() {
  const files = await readdir(TEMPLATE_DIR, {
    recursive: true,
    withFileTypes: true,
  });
  return Promise.all(
    files
      .filter(f => f.isFile() && f.name !== 'template.yaml')
      .map(async f => {
        const path = join(f.parentPath, f.name);
        return {
          path: relative(TEMPLATE_DIR, path),
          base64Content: (await readFile(path)).toString('base64'),
        };
      }),
  );
}

/** A task's log events and final status, once it has finished. */
export async function finishedTask(
  server: TestServer,
  taskId: string,
  timeoutMs = 110_000,
) {
  const api = asUser(server);
  const task = await waitFor(
    async () => {
      const res = await api.get(`/api/scaffolder/v2/tasks/${taskId}`);
      return ['completed', 'failed', 'cancelled'].includes(res.body.status)
        ? res.body
        : undefined;
    },
    timeoutMs,
    `scaffolder task ${taskId}`,
  );
  const events = (await api.get(`/api/scaffolder/v2/tasks/${taskId}/events`))
    .body as Array<{
    type: string;
    body: { message?: string; stepId?: string; status?: string };
  }>;
  const completion = events.find(e => e.type === 'completion');
  return {
    status: task.status as string,
    /** The template's output (links, text), from the completion event. */
    output: ((completion?.body as { output?: object })?.output ?? {}) as {
      links?: Array<{ title?: string; url?: string; entityRef?: string }>;
      text?: Array<{ title?: string; content?: string }>;
    },
    events,
    /** Final status of each step that started. */
    steps: Object.fromEntries(
      events
        .filter(e => e.body.stepId && e.body.status)
        .map(e => [e.body.stepId!, e.body.status!]),
    ),
    messages: events.map(e => logMessage(e.body.message)),
  };
}

/** A task log line without the logger's colours and level prefix. */
export function logMessage(line: string | undefined): string {
  return (
    (line ?? '')
      // eslint-disable-next-line no-control-regex
      .replace(/\u001b\[[0-9;]*m/g, '')
      .replace(/^(info|warn|error|debug): /, '')
  );
}
