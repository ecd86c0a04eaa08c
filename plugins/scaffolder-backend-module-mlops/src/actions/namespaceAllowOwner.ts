import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import {
  dns1123LabelSchema,
  MLOPS_NAMESPACE_ANNOTATION_ALLOWED_OWNERS,
  parseAllowedOwners,
} from '@backstage-mlops/plugin-mlops-common';
import type {
  MlopsClusterClients,
  MlopsClusterRegistry,
  MlopsEntityResolver,
} from '@backstage-mlops/plugin-mlops-node';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  nameField,
  parseActionInput,
  runTargetFields,
  type ScaffolderZod,
} from '../runs/runInput';
import { examples } from './namespaceAllowOwner.examples';

const NAMESPACES = { group: '', version: 'v1', plural: 'namespaces' };
const ACTION = 'mlops:namespace:allow-owner';

/** The input, checked before the cluster is asked (errors name the field). */
const inputFields = {
  cluster: runTargetFields.cluster,
  namespace: (z: ScaffolderZod) =>
    nameField(z, dns1123LabelSchema).describe(
      "Namespace of the model's objects (DNS-1123 label).",
    ),
  owner: (z: ScaffolderZod) =>
    z
      .string()
      .describe(
        "The model's owner, as its entity's spec.owner names it: a user or group ref (e.g. group:default/my-team; a bare name is a group).",
      ),
};
const ANNOTATION = MLOPS_NAMESPACE_ANNOTATION_ALLOWED_OWNERS;

/**
 * What {@link createNamespaceAllowOwnerAction} needs.
 *
 * @public
 */
export interface NamespaceAllowOwnerActionOptions {
  clusters: MlopsClusterRegistry;
  /** The clients with the scaffolder identity (`mlopsScaffolderClusterClientsServiceRef`). */
  clients: MlopsClusterClients;
  /** The owners a namespace allows, and the setting (`mlopsEntityResolverServiceRef`). */
  entities: Pick<MlopsEntityResolver, 'allowedOwners' | 'enforcement'>;
}

/**
 * Creates the `mlops:namespace:allow-owner` action: before a template creates a model
 * in a namespace, makes sure the namespace allows the model's owner
 * (`mlops.backstage.io/allowed-owners`), so the model's entity may act there. A
 * namespace that already allows the owner is left alone; a namespace that allows
 * nobody yet (no annotation, nothing in `mlops.clusters[].allowedOwners`) is claimed
 * for the owner (a merge patch of that one annotation, with the read resourceVersion);
 * a namespace that allows other owners is refused with a `NotAllowedError` naming them
 * and the annotation a cluster admin would add the owner to. A dry run checks the
 * same and sends the patch as a server-side dry run. With
 * `mlops.namespaceOwnership.enforce: off` it does nothing.
 *
 * @public
 */
export function createNamespaceAllowOwnerAction(
  options: NamespaceAllowOwnerActionOptions,
) {
  const { clusters, clients, entities } = options;
  return createTemplateAction({
    id: ACTION,
    description: `Makes sure a namespace allows the owner of the model a template creates (annotation ${ANNOTATION}): leaves a namespace that allows it alone, claims one that allows nobody yet, refuses one that allows other owners.`,
    examples,
    supportsDryRun: true,
    schema: {
      input: inputFields,
      output: {
        allowedOwners: z =>
          z
            .array(z.string())
            .describe('The owners the namespace allows afterwards.'),
        changed: z =>
          z
            .boolean()
            .describe(
              'True when the namespace was claimed for the owner (never in a dry run).',
            ),
      },
    },
    async handler(ctx) {
      const input = parseActionInput(ACTION, inputFields, ctx.input);
      const { namespace } = input;
      const [owner] = parseAllowedOwners([input.owner]).owners;
      if (!owner) {
        throw new InputError(
          `mlops:namespace:allow-owner: owner ${JSON.stringify(
            input.owner,
          )} is not a user or group ref (e.g. group:default/my-team)`,
        );
      }
      if (entities.enforcement === 'off') {
        ctx.logger.info(
          'namespace ownership is not enforced (mlops.namespaceOwnership.enforce: off); nothing to check',
        );
        ctx.output('allowedOwners', []);
        ctx.output('changed', false);
        return;
      }
      const cluster = await clusters.resolveCluster(input.cluster || undefined);
      const client = clients.forCluster(cluster.name);
      let found;
      try {
        found = await client.getObject({
          resource: NAMESPACES,
          name: namespace,
        });
      } catch (error) {
        if (error instanceof NotFoundError) {
          throw new InputError(
            `mlops:namespace:allow-owner: namespace "${namespace}" does not exist on cluster ${cluster.name} (ask a cluster admin to create it, or choose an existing one)`,
          );
        }
        throw error;
      }
      const annotations = found.metadata?.annotations;
      const allowed = entities.allowedOwners(
        cluster.name,
        namespace,
        annotations,
      );
      if (allowed.includes(owner)) {
        ctx.logger.info(
          `namespace ${namespace} on cluster ${cluster.name} allows ${owner}`,
        );
        ctx.output('allowedOwners', allowed);
        ctx.output('changed', false);
        return;
      }
      const value = annotations?.[ANNOTATION];
      if (allowed.length > 0 || value !== undefined) {
        const source =
          value === undefined
            ? "the portal's mlops.clusters[].allowedOwners"
            : `its annotation ${ANNOTATION} is ${JSON.stringify(value)}`;
        throw new NotAllowedError(
          `mlops:namespace:allow-owner: namespace ${namespace} on cluster ${
            cluster.name
          } allows ${
            allowed.join(', ') || 'nobody'
          } (${source}), not ${owner}; nothing was created. A cluster admin who agrees adds ${owner} to the annotation ${ANNOTATION} of Namespace ${namespace}; or choose a namespace that allows ${owner}`,
        );
      }
      await client.patchObject({
        resource: NAMESPACES,
        name: namespace,
        // The read resourceVersion: a namespace claimed meanwhile is a 409, not overwritten.
        patch: {
          metadata: {
            resourceVersion: found.metadata?.resourceVersion,
            annotations: { [ANNOTATION]: owner },
          },
        },
        dryRun: ctx.isDryRun,
      });
      ctx.logger.info(
        ctx.isDryRun
          ? `dry run: namespace ${namespace} on cluster ${cluster.name} allows nobody yet; the real run claims it for ${owner} (annotation ${ANNOTATION})`
          : `namespace ${namespace} on cluster ${cluster.name} allowed nobody yet: claimed for ${owner} (annotation ${ANNOTATION})`,
      );
      ctx.output('allowedOwners', [owner]);
      ctx.output('changed', !ctx.isDryRun);
    },
  });
}
