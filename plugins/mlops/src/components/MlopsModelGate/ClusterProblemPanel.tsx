import { WarningPanel } from '@backstage/core-components';
import { MLOPS_ANNOTATION_CLUSTER } from '@backstage-mlops/plugin-mlops-common';
import type { MlopsClusterProblem } from '../../lib/findClusterProblem';

const CONFIGURE_CLUSTERS =
  'Configure it under kubernetes.clusterLocatorMethods or mlops.clusters in app-config.yaml.';
const CONFIGURE_A_CLUSTER =
  "Add your cluster under kubernetes.clusterLocatorMethods in app-config.yaml (the Kubernetes plugin's cluster list, which backstage-mlops reads), or under mlops.clusters.";

/**
 * Props of {@link ClusterProblemPanel}.
 *
 * @internal
 */
export interface ClusterProblemPanelProps {
  problem: MlopsClusterProblem;
}

function describe(problem: MlopsClusterProblem): {
  title: string;
  message: string;
} {
  switch (problem.type) {
    case 'no-clusters':
      return {
        title: 'No cluster is configured in this portal',
        message: `backstage-mlops has no cluster to read models from. ${CONFIGURE_A_CLUSTER}`,
      };
    case 'unknown-cluster':
      return {
        title: `Cluster "${problem.cluster}" is not configured`,
        message: `The ${MLOPS_ANNOTATION_CLUSTER} annotation names "${
          problem.cluster
        }", but the mlops backend only knows ${problem.configured.join(
          ', ',
        )}. Fix the annotation, or add the cluster: ${CONFIGURE_CLUSTERS}`,
      };
    case 'ambiguous-cluster':
      return {
        title: 'The entity does not say which cluster runs this model',
        message: `${
          problem.configured.length
        } clusters are configured (${problem.configured.join(
          ', ',
        )}). Add the ${MLOPS_ANNOTATION_CLUSTER} annotation naming one of them.`,
      };
    default: {
      const unknown: never = problem;
      return {
        title: `Unknown cluster problem ${JSON.stringify(unknown)}`,
        message: '',
      };
    }
  }
}

/**
 * Says why the backend cannot tell which cluster holds a model, and how to
 * fix it.
 *
 * @internal
 */
export function ClusterProblemPanel(props: ClusterProblemPanelProps) {
  const { title, message } = describe(props.problem);
  return <WarningPanel title={title} message={message} defaultExpanded />;
}
