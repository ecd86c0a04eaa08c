import type { Config } from '@backstage/config';
import { type Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { assertError, InputError } from '@backstage/errors';
import {
  describeAnnotationProblems,
  entityOwnerRef,
  MLOPS_ANNOTATION_CLUSTER,
  MLOPS_NAMESPACE_ANNOTATION_ALLOWED_OWNERS,
  parseAllowedOwners,
  readMlopsCoordinates,
} from '@backstage-mlops/plugin-mlops-common';
import type { MlopsObjectStore } from '../cache/types';
import type {
  MlopsClusterDescriptor,
  MlopsClusterRegistry,
} from '../clusters/types';
import { NamespaceRefusalError } from './NamespaceRefusalError';
import {
  readNamespaceOwnershipConfig,
  type NamespaceOwnershipConfig,
} from './readNamespaceOwnershipConfig';
import type {
  MlopsEntityResolver,
  MlopsEntityTarget,
  MlopsEntityUse,
  MlopsNamespaceOwnershipEnforcement,
} from './types';

const ANNOTATION = MLOPS_NAMESPACE_ANNOTATION_ALLOWED_OWNERS;

/**
 * The {@link MlopsEntityResolver} of the backend: annotations read with mlops-common's
 * entity model, clusters from the registry, namespaces from the object store's watch
 * cache, the settings from config (`mlops.namespaceOwnership.enforce`,
 * `mlops.clusters[].allowedOwners`).
 *
 * @public
 */
export class DefaultMlopsEntityResolver implements MlopsEntityResolver {
  /** Reads the settings; throws `InputError` naming a bad key. */
  static fromConfig(
    config: Config,
    options: { clusters: MlopsClusterRegistry; store: MlopsObjectStore },
  ): DefaultMlopsEntityResolver {
    return new DefaultMlopsEntityResolver(
      readNamespaceOwnershipConfig(config),
      options.clusters,
      options.store,
    );
  }

  private constructor(
    private readonly settings: NamespaceOwnershipConfig,
    private readonly clusters: MlopsClusterRegistry,
    private readonly store: MlopsObjectStore,
  ) {}

  /** {@inheritDoc MlopsEntityResolver.enforcement} */
  get enforcement(): MlopsNamespaceOwnershipEnforcement {
    return this.settings.enforcement;
  }

  /** {@inheritDoc MlopsEntityResolver.resolve} */
  async resolve(
    entity: Entity,
    use: MlopsEntityUse,
  ): Promise<MlopsEntityTarget> {
    const entityRef = stringifyEntityRef(entity);
    const read = readMlopsCoordinates(entity);
    if (!read.ok) {
      throw new InputError(
        `${entityRef}: ${describeAnnotationProblems(read.problems)}`,
      );
    }
    let cluster: MlopsClusterDescriptor;
    try {
      cluster = this.clusters.resolveCluster(read.coordinates.cluster);
    } catch (error) {
      assertError(error);
      // No cluster at all is the portal's configuration; an unknown or missing
      // cluster name is the entity's annotation.
      if (error.name === 'ServiceUnavailableError') throw error;
      throw new InputError(
        `${entityRef}: annotation ${MLOPS_ANNOTATION_CLUSTER}: ${error.message}`,
      );
    }
    const target = { entityRef, coordinates: read.coordinates, cluster };
    if (this.enforces(use)) {
      await this.checkOwner(entity, target, use);
    }
    return target;
  }

  /** {@inheritDoc MlopsEntityResolver.allowedOwners} */
  allowedOwners(
    cluster: string,
    namespace: string,
    annotations: Readonly<Record<string, string>> | undefined,
  ): string[] {
    const annotated = parseAllowedOwners(annotations?.[ANNOTATION]).owners;
    const configured = this.configuredOwners(cluster, namespace);
    return [...new Set([...annotated, ...configured])];
  }

  private enforces(use: MlopsEntityUse): boolean {
    const { enforcement } = this.settings;
    return (
      enforcement === 'reads-and-mutations' ||
      (enforcement === 'mutations' && use === 'mutation')
    );
  }

  private configuredOwners(cluster: string, namespace: string): string[] {
    return this.settings.allowedOwners.get(cluster)?.get(namespace) ?? [];
  }

  /** Throws the refusal unless the namespace allows the entity's owner. */
  private async checkOwner(
    entity: Entity,
    target: MlopsEntityTarget,
    use: MlopsEntityUse,
  ): Promise<void> {
    const cluster = target.cluster.name;
    const { namespace } = target.coordinates;
    const owner = entityOwnerRef(entity);
    // A namespace the config allows the owner needs no read at all.
    if (owner && this.configuredOwners(cluster, namespace).includes(owner)) {
      return;
    }
    const { items } = await this.store.query({
      cluster,
      kind: 'namespaces',
      name: namespace,
    });
    const annotations = items[0]?.metadata.annotations;
    if (
      owner &&
      this.allowedOwners(cluster, namespace, annotations).includes(owner)
    ) {
      return;
    }
    const value = annotations?.[ANNOTATION];
    let state: string;
    if (items.length === 0) {
      state = `cluster ${cluster} has no Namespace ${namespace}`;
    } else if (value === undefined) {
      state = `the Namespace has no ${ANNOTATION} annotation`;
    } else {
      state = `its ${ANNOTATION} annotation is ${JSON.stringify(value)}`;
    }
    const what =
      use === 'read' ? 'read the objects of' : 'act on the objects of';
    const message = owner
      ? `${target.entityRef} may not ${what} namespace ${namespace} on cluster ${cluster}: the namespace does not allow its owner ${owner} (${state}). If ${owner} should use it, a cluster admin adds ${owner} to the annotation ${ANNOTATION} of Namespace ${namespace} (or the portal's config to mlops.clusters[].allowedOwners)`
      : `${target.entityRef} may not ${what} namespace ${namespace} on cluster ${cluster}: the entity names no owner (spec.owner), and the namespace allows only the owners its annotation ${ANNOTATION} names (${state})`;
    throw new NamespaceRefusalError(message, {
      cluster,
      namespace,
      ...(owner ? { owner } : {}),
      annotation: ANNOTATION,
      use,
    });
  }
}
