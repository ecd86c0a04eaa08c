import { WarningPanel } from '@backstage/core-components';
import {
  MLOPS_ANNOTATION_CLUSTER,
  type MlopsClusterProblem,
} from '@backstage-mlops/plugin-mlops-common';

const CONFIGURE_CLUSTERS =
  'Configure it for the Kubernetes plugin under kubernetes.clusterLocatorMethods in app-config.yaml (or, with the catalog locator, as a kubernetes-cluster Resource).';
const CONFIGURE_A_CLUSTER =
  'Add your cluster for the Kubernetes plugin under kubernetes.clusterLocatorMethods in app-config.yaml: backstage-mlops uses the clusters the Kubernetes plugin locates.';

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
        }", but the Kubernetes plugin only locates ${problem.configured.join(
          ', ',
        )}. Fix the annotation, or add the cluster: ${CONFIGURE_CLUSTERS}`,
      };
    case 'unusable-cluster':
      return {
        title: `Cluster "${problem.cluster}" cannot be used by backstage-mlops`,
        message: `The mlops backend reads and acts with its own identity, but ${problem.reason}.`,
      };
    case 'clusters-unavailable':
      return {
        title: "The Kubernetes plugin's clusters cannot be read",
        message: problem.reason,
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
