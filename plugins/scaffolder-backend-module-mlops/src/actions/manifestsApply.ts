import { NotAllowedError, NotFoundError } from '@backstage/errors';
import type {
  MlopsClusterClients,
  MlopsClusterRegistry,
  MlopsKubernetesObject,
} from '@backstage-mlops/plugin-mlops-node';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { inApplyOrder } from '../manifests/applyOrder';
import { portalLink } from '../manifests/portalLink';
import { readWorkspaceManifests } from '../manifests/readWorkspaceManifests';
import { ResourceResolver } from '../manifests/ResourceResolver';
import type { SourcedManifest } from '../manifests/types';
import { withContext } from '../manifests/withContext';
import { dns1123LabelSchema } from '@backstage-mlops/plugin-mlops-common';
import {
  entityRefField,
  nameField,
  parseActionInput,
  runTargetFields,
  type ScaffolderZod,
} from '../runs/runInput';
import { examples } from './manifestsApply.examples';

const ACTION = 'mlops:manifests:apply';

/** The input, checked before anything is read or applied (errors name the field). */
const inputFields = {
  cluster: runTargetFields.cluster,
  namespace: (z: ScaffolderZod) =>
    nameField(z, dns1123LabelSchema).describe(
      'Namespace of every namespaced object; an object naming another namespace is refused.',
    ),
  path: (z: ScaffolderZod) =>
    z
      .string()
      .describe(
        'Workspace-relative path: a YAML file, a directory of YAML files, or a kustomize overlay (needs mlops.scaffolder.kubectlPath).',
      ),
  entityRef: (z: ScaffolderZod) =>
    entityRefField(z)
      .optional()
      .describe(
        'The catalog entity the objects belong to (e.g. component:default/my-model), for the portal links.',
      ),
  force: (z: ScaffolderZod) =>
    z
      .boolean()
      .optional()
      .describe(
        'Take over fields another field manager owns instead of failing with a conflict (default false).',
      ),
};

/**
 * What {@link createManifestsApplyAction} needs.
 *
 * @public
 */
export interface ManifestsApplyActionOptions {
  clusters: MlopsClusterRegistry;
  /** The clients with the scaffolder identity (`mlopsScaffolderClusterClientsServiceRef`). */
  clients: MlopsClusterClients;
  /** The portal's `app.baseUrl`, for the links to the applied objects. */
  appBaseUrl: string;
  /** A kubectl binary to render kustomize overlays with (`mlops.scaffolder.kubectlPath`). */
  kubectlPath?: string;
}

/**
 * The field manager of everything the action applies.
 *
 * @public
 */
export const MANIFESTS_FIELD_MANAGER = 'backstage-mlops-scaffolder';

function describe(m: SourcedManifest, namespace: string | undefined) {
  const { kind, metadata } = m.object;
  return `${m.source} (document ${m.document + 1}): ${kind} ${
    namespace ? `${namespace}/` : ''
  }${metadata.name}`;
}

/** A RoleBinding whose Role this same apply creates (a dry run cannot prove it). */
function bindsRoleOfThisApply(
  m: SourcedManifest,
  roles: Set<string>,
): string | undefined {
  const roleRef = m.object.roleRef as { kind?: string; name?: string };
  return m.object.kind === 'RoleBinding' &&
    roleRef?.kind === 'Role' &&
    roleRef.name &&
    roles.has(roleRef.name)
    ? roleRef.name
    : undefined;
}

/**
 * Creates the `mlops:manifests:apply` action: server-side apply (field manager
 * `backstage-mlops-scaffolder`) of the manifests at a workspace path — a YAML file, a
 * directory of YAML files, or a kustomize overlay rendered with the configured kubectl
 * — with the scaffolder identity, in a safe order (accounts and roles first). A dry
 * run is the API server's server-side dry run: every object is validated and admitted,
 * nothing is stored. Each object is applied in its own `ctx.checkpoint`, so a retried
 * task does not apply twice; the output lists every object with a link to where it
 * shows in the portal.
 *
 * @public
 */
export function createManifestsApplyAction(
  options: ManifestsApplyActionOptions,
) {
  const { clusters, clients, appBaseUrl, kubectlPath } = options;
  return createTemplateAction({
    id: ACTION,
    description:
      'Server-side applies the rendered manifests at a workspace path (YAML files or a kustomize overlay) to a cluster with the scaffolder identity; a dry run is a server-side dry run that changes nothing.',
    examples,
    supportsDryRun: true,
    schema: {
      input: inputFields,
      output: {
        cluster: z => z.string().describe('The cluster applied to.'),
        objects: z =>
          z
            .array(
              z.object({
                apiVersion: z.string().describe('apiVersion of the object.'),
                kind: z.string().describe('Kind of the object.'),
                namespace: z
                  .string()
                  .optional()
                  .describe('Its namespace (none for cluster-scoped objects).'),
                name: z.string().describe('Its name.'),
                source: z.string().describe('The file it was read from.'),
                result: z
                  .enum(['applied', 'accepted', 'deferred'])
                  .describe(
                    'applied (stored), accepted (dry run passed) or deferred (dry run: a RoleBinding of a Role this apply creates, checked once the Role exists).',
                  ),
                url: z
                  .string()
                  .optional()
                  .describe('Where it shows in the portal (with entityRef).'),
              }),
            )
            .describe('Every object, in apply order.'),
        entityUrl: z =>
          z
            .string()
            .optional()
            .describe('The portal page of entityRef, when given.'),
      },
    },
    async handler(ctx) {
      const input = parseActionInput(ACTION, inputFields, ctx.input);
      const { namespace, path, entityRef, force } = input;
      const cluster = await clusters.resolveCluster(input.cluster || undefined);
      const client = clients.forCluster(cluster.name);
      const { manifests, renderedWith } = await readWorkspaceManifests({
        workspacePath: ctx.workspacePath,
        path,
        kubectlPath,
      });
      ctx.logger.info(
        `read ${manifests.length} object(s) from ${path}${
          renderedWith ? ` (rendered with ${renderedWith})` : ''
        }; ${ctx.isDryRun ? 'server-side dry run' : 'applying'} on cluster ${
          cluster.name
        } as the scaffolder identity`,
      );
      const resolver = new ResourceResolver(client);
      const ordered = inApplyOrder(manifests);
      // Resolve every object before applying any, so a kind the cluster lacks or a
      // foreign namespace fails the step with nothing created.
      const planned = await Promise.all(
        ordered.map(async m => {
          try {
            const resource = await resolver.resolve(
              m.object.apiVersion,
              m.object.kind,
            );
            const declared = m.object.metadata.namespace;
            if (resource.namespaced && declared && declared !== namespace) {
              throw new NotAllowedError(
                `metadata.namespace "${declared}" differs from the project namespace "${namespace}"`,
              );
            }
            return {
              m,
              resource,
              ns: resource.namespaced ? namespace : undefined,
            };
          } catch (error) {
            throw withContext(error, describe(m, m.object.metadata.namespace));
          }
        }),
      );
      const roles = new Set(
        planned
          .filter(p => p.m.object.kind === 'Role')
          .map(p => p.m.object.metadata.name),
      );
      const objects = [];
      for (const [i, { m, resource, ns }] of planned.entries()) {
        const body: MlopsKubernetesObject = {
          ...m.object,
          metadata: { ...m.object.metadata, ...(ns ? { namespace: ns } : {}) },
        };
        const what = describe(m, ns);
        const apply = async () => {
          const stored = await client.applyObject({
            resource,
            namespace: ns,
            name: m.object.metadata.name,
            body,
            fieldManager: MANIFESTS_FIELD_MANAGER,
            force: force === true,
            dryRun: ctx.isDryRun,
          });
          return stored.metadata?.uid ?? '';
        };
        let result: 'applied' | 'accepted' | 'deferred';
        try {
          if (ctx.isDryRun) {
            await apply();
            result = 'accepted';
          } else {
            await ctx.checkpoint({
              key: `mlops.manifests.apply.${cluster.name}.${ns ?? ''}.${
                resource.group
              }.${resource.plural}.${m.object.metadata.name}`,
              fn: apply,
            });
            result = 'applied';
          }
        } catch (error) {
          const role = bindsRoleOfThisApply(m, roles);
          // The API server refuses such a binding (403, or 404 from the
          // apply-create path) until the Role exists.
          if (
            ctx.isDryRun &&
            role &&
            (error instanceof NotAllowedError || error instanceof NotFoundError)
          ) {
            result = 'deferred';
            ctx.logger.info(
              `[${i + 1}/${
                planned.length
              }] ${what}: deferred (its Role ${role} is created by this apply; the API server checks the binding once the Role exists)`,
            );
          } else {
            throw withContext(error, what);
          }
        }
        if (result !== 'deferred') {
          ctx.logger.info(`[${i + 1}/${planned.length}] ${what}: ${result}`);
        }
        objects.push({
          apiVersion: m.object.apiVersion,
          kind: m.object.kind,
          ...(ns ? { namespace: ns } : {}),
          name: m.object.metadata.name,
          source: m.source,
          result,
          ...(entityRef
            ? { url: portalLink(appBaseUrl, entityRef, m.object.kind) }
            : {}),
        });
      }
      ctx.logger.info(
        `${ctx.isDryRun ? 'dry run: ' : ''}${objects.length} object(s) ${
          ctx.isDryRun ? 'accepted' : 'applied'
        } on cluster ${cluster.name}`,
      );
      ctx.output('cluster', cluster.name);
      ctx.output('objects', objects);
      if (entityRef) {
        ctx.output('entityUrl', portalLink(appBaseUrl, entityRef));
      }
    },
  });
}
