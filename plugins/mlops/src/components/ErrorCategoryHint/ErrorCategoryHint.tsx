import {
  getMlopsErrorCategoryHint,
  type MlopsErrorCategory,
} from '@backstage-mlops/plugin-mlops-common';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';

/**
 * Props of {@link ErrorCategoryHint}.
 *
 * @internal
 */
export interface ErrorCategoryHintProps {
  category: MlopsErrorCategory;
}

/**
 * Why a notebook validation job failed, in words, and what to do about it
 * (e.g. for `dependency_install_failed`: why pip fails at run time on OpenShift,
 * and to bake the dependencies into the image with the S2I build).
 *
 * @internal
 */
export function ErrorCategoryHint(props: ErrorCategoryHintProps) {
  const hint = getMlopsErrorCategoryHint(props.category);
  return (
    <Alert
      severity={props.category === 'none' ? 'success' : 'error'}
      role="note"
    >
      <AlertTitle>
        {hint.title} <code>({props.category})</code>
      </AlertTitle>
      <Typography variant="body2" paragraph>
        {hint.explanation}
      </Typography>
      <Typography variant="body2">
        <strong>What to do: </strong>
        {hint.fix}
      </Typography>
    </Alert>
  );
}
