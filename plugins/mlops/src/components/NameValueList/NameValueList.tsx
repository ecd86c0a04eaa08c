import type {
  MlopsNameValue,
  MlopsParamValue,
} from '@backstage-mlops/plugin-mlops-common';
import { makeStyles } from '@material-ui/core/styles';
import Typography from '@material-ui/core/Typography';
import { Fragment } from 'react';

const useStyles = makeStyles(theme => ({
  list: {
    display: 'grid',
    gridTemplateColumns: 'max-content 1fr',
    columnGap: theme.spacing(2),
    rowGap: theme.spacing(0.5),
    margin: 0,
  },
  name: { fontWeight: theme.typography.fontWeightMedium as number },
  value: {
    margin: 0,
    fontFamily: 'monospace',
    wordBreak: 'break-all',
  },
}));

/**
 * A Tekton param or result value as text: strings as is, arrays joined with
 * commas, objects as JSON.
 *
 * @internal
 */
export function formatParamValue(value: MlopsParamValue): string {
  if (typeof value === 'string') {
    return value;
  }
  return Array.isArray(value) ? value.join(', ') : JSON.stringify(value);
}

/**
 * Props of {@link NameValueList}.
 *
 * @internal
 */
export interface NameValueListProps {
  /** A heading for the list, e.g. `Params`. */
  title: string;
  items: MlopsNameValue[];
}

/**
 * Params or results of a run or task, as a definition list under a small
 * heading; `none` when empty.
 *
 * @internal
 */
export function NameValueList(props: NameValueListProps) {
  const classes = useStyles();
  return (
    <div>
      <Typography variant="subtitle2" component="h4">
        {props.title}
      </Typography>
      {props.items.length === 0 ? (
        <Typography variant="body2">none</Typography>
      ) : (
        <dl className={classes.list}>
          {props.items.map(item => (
            <Fragment key={item.name}>
              <Typography
                component="dt"
                variant="body2"
                className={classes.name}
              >
                {item.name}
              </Typography>
              <Typography
                component="dd"
                variant="body2"
                className={classes.value}
              >
                {formatParamValue(item.value)}
              </Typography>
            </Fragment>
          ))}
        </dl>
      )}
    </div>
  );
}
