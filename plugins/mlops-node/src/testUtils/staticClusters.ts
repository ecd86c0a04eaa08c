import { ConfigReader } from '@backstage/config';
import type { JsonObject } from '@backstage/types';
import type {
  AuthenticationStrategy,
  ClusterDetails,
} from '@backstage/plugin-kubernetes-node';
import { DefaultMlopsClusterRegistry } from '../clusters/DefaultMlopsClusterRegistry';
import { capturingLogger } from './capturingLogger';
import {
  mockClusterDetails,
  mockMlopsClusterAccess,
} from './mockClusterAccess';

export { mockClusterDetails as clusterDetails };

/** A registry over a fixed list of clusters, with `mlops` as the `mlops` config block. */
export function staticClusterRegistry(
  clusters: ClusterDetails[] | (() => ClusterDetails[]),
  options: {
    mlops?: JsonObject;
    authStrategy?: AuthenticationStrategy;
    refreshIntervalMs?: number;
    credentialTtlMs?: number;
  } = {},
): DefaultMlopsClusterRegistry {
  return DefaultMlopsClusterRegistry.create({
    access: mockMlopsClusterAccess(clusters, options.authStrategy),
    config: new ConfigReader(options.mlops ? { mlops: options.mlops } : {}),
    logger: capturingLogger(),
    refreshIntervalMs: options.refreshIntervalMs,
    credentialTtlMs: options.credentialTtlMs,
  });
}
