import { makeStyles } from '@material-ui/core/styles';
import type { ReactNode } from 'react';

const useStyles = makeStyles({
  root: {
    position: 'absolute',
    width: 1,
    height: 1,
    padding: 0,
    margin: -1,
    overflow: 'hidden',
    clip: 'rect(0 0 0 0)',
    whiteSpace: 'nowrap',
    border: 0,
  },
});

/**
 * Props of {@link VisuallyHidden}.
 *
 * @internal
 */
export interface VisuallyHiddenProps {
  children: ReactNode;
  /** The element to render; `span` by default. */
  component?: 'span' | 'caption' | 'h2' | 'h3';
}

/**
 * Text for screen readers only (table captions, labels of icon-only columns).
 *
 * @internal
 */
export function VisuallyHidden(props: VisuallyHiddenProps) {
  const classes = useStyles();
  const Component = props.component ?? 'span';
  return <Component className={classes.root}>{props.children}</Component>;
}
