import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import {
  readMlopsCoordinates,
  type MlopsClusterSummary,
  type MlopsModelCoordinates,
} from '@backstage-mlops/plugin-mlops-common';
import Grid from '@material-ui/core/Grid';
import { useMemo, type ReactNode } from 'react';
import { useMlopsClusters } from '../../hooks/useMlopsClusters';
import {
  describeModelCluster,
  findClusterProblem,
} from '../../lib/findClusterProblem';
import { AnnotationProblems } from './AnnotationProblems';
import { ClusterProblemPanel } from './ClusterProblemPanel';

/**
 * A model whose annotations are valid and whose backend answered.
 *
 * @internal
 */
export interface MlopsModelView {
  /** Where the model's objects live, read from its annotations. */
  coordinates: MlopsModelCoordinates;
  /** The clusters the backend is configured to reach. */
  clusters: MlopsClusterSummary[];
  /** The model's cluster in words, e.g. `the configured cluster (dev)`. */
  clusterLabel: string;
}

/**
 * Props of {@link MlopsModelGate}.
 *
 * @internal
 */
export interface MlopsModelGateProps {
  /** Renders the view once the model's coordinates and clusters are known. */
  children: (model: MlopsModelView) => ReactNode;
}

function ClusterCheckedModel(props: {
  coordinates: MlopsModelCoordinates;
  children: MlopsModelGateProps['children'];
}) {
  const { coordinates } = props;
  const { loading, error, clusters } = useMlopsClusters();

  if (error) {
    return <ResponseErrorPanel error={error} />;
  }
  if (loading || !clusters) {
    return <Progress />;
  }

  const problem = findClusterProblem(coordinates, clusters);
  if (problem?.type === 'no-clusters') {
    // The portal's configuration, not the model: one message, no view that could
    // only fail the same way.
    return <ClusterProblemPanel problem={problem} />;
  }
  return (
    <Grid container spacing={3}>
      {problem && (
        <Grid item xs={12}>
          <ClusterProblemPanel problem={problem} />
        </Grid>
      )}
      <Grid item xs={12}>
        {props.children({
          coordinates,
          clusters,
          clusterLabel: describeModelCluster(coordinates, clusters),
        })}
      </Grid>
    </Grid>
  );
}

/**
 * The states every model tab shares: it reads the entity's coordinates
 * (missing or invalid annotations are shown, not hidden), asks the backend
 * which clusters it reaches (progress, then the error or a warning when the
 * model's cluster is not among them), and only then renders its children. With no
 * cluster configured at all it says so, once, and renders nothing else.
 *
 * @internal
 */
export function MlopsModelGate(props: MlopsModelGateProps) {
  const { entity } = useEntity();
  const result = useMemo(() => readMlopsCoordinates(entity), [entity]);

  if (!result.ok) {
    return <AnnotationProblems problems={result.problems} />;
  }
  return (
    <ClusterCheckedModel coordinates={result.coordinates}>
      {props.children}
    </ClusterCheckedModel>
  );
}
