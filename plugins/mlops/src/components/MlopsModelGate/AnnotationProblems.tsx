import { WarningPanel } from '@backstage/core-components';
import { MissingAnnotationEmptyState } from '@backstage/plugin-catalog-react';
import {
  describeAnnotationProblems,
  MLOPS_ANNOTATION_NAMESPACE,
  type MlopsAnnotationProblem,
} from '@backstage-mlops/plugin-mlops-common';
import Grid from '@material-ui/core/Grid';

/**
 * Props of {@link AnnotationProblems}.
 *
 * @internal
 */
export interface AnnotationProblemsProps {
  problems: MlopsAnnotationProblem[];
}

/**
 * Shows why a model's cluster coordinates cannot be read: the missing
 * namespace annotation as a `MissingAnnotationEmptyState`, every invalid value
 * in a warning that names its annotation.
 *
 * @internal
 */
export function AnnotationProblems(props: AnnotationProblemsProps) {
  const missingNamespace = props.problems.some(
    p => p.kind === 'missing' && p.annotation === MLOPS_ANNOTATION_NAMESPACE,
  );
  const invalid = props.problems.filter(p => p.kind === 'invalid');

  return (
    <Grid container spacing={3}>
      {invalid.length > 0 && (
        <Grid item xs={12}>
          <WarningPanel
            title="This entity's mlops annotations are invalid"
            message="The cluster would reject these values. Fix them in the entity's catalog-info.yaml."
            defaultExpanded
          >
            <ul>
              {invalid.map(problem => (
                <li key={problem.annotation}>
                  {describeAnnotationProblems([problem])}
                </li>
              ))}
            </ul>
          </WarningPanel>
        </Grid>
      )}
      {missingNamespace && (
        <Grid item xs={12}>
          <MissingAnnotationEmptyState
            annotation={MLOPS_ANNOTATION_NAMESPACE}
          />
        </Grid>
      )}
    </Grid>
  );
}
