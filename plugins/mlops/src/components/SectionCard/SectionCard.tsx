import { InfoCard } from '@backstage/core-components';
import IconButton from '@material-ui/core/IconButton';
import Tooltip from '@material-ui/core/Tooltip';
import RefreshIcon from '@material-ui/icons/Refresh';
import type { ReactNode } from 'react';

/**
 * Props of {@link SectionCard}.
 *
 * @internal
 */
export interface SectionCardProps {
  title: string;
  subheader?: ReactNode;
  /** Shows a refresh button that calls it (labelled `Refresh <title>`). */
  onRefresh?: () => void;
  /** More header actions, e.g. the actions of part 2 (run training, …). */
  action?: ReactNode;
  /** `gridItem` to fill the grid cell's height (Overview cards). */
  variant?: 'gridItem';
  /** Removes the content padding (for tables). */
  noPadding?: boolean;
  children: ReactNode;
}

/**
 * An `InfoCard` whose title is a real `h2` heading (the entity page's title is
 * the `h1`), with an optional labelled refresh button in its header.
 *
 * @internal
 */
export function SectionCard(props: SectionCardProps) {
  const action =
    props.onRefresh || props.action ? (
      <>
        {props.action}
        {props.onRefresh && (
          <Tooltip title="Refresh">
            <IconButton
              aria-label={`Refresh ${props.title.toLowerCase()}`}
              onClick={props.onRefresh}
            >
              <RefreshIcon />
            </IconButton>
          </Tooltip>
        )}
      </>
    ) : undefined;
  return (
    <InfoCard
      title={props.title}
      subheader={props.subheader}
      action={action}
      variant={props.variant}
      noPadding={props.noPadding}
      titleTypographyProps={{ component: 'h2', variant: 'h5' }}
    >
      {props.children}
    </InfoCard>
  );
}
