import { CopyTextButton } from '@backstage/core-components';
import type { MlopsBuildSummary } from '@backstage-mlops/plugin-mlops-common';
import { makeStyles } from '@material-ui/core/styles';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import type { ReactNode } from 'react';
import { runStatusTone } from '../../lib/statusTone';
import { DurationText } from '../PipelineRunsTable';
import { RelativeTime } from '../RelativeTime';
import { StatusIndicator } from '../StatusIndicator';
import { VisuallyHidden } from '../VisuallyHidden';
import { WholeWordTable } from '../WholeWordTable';

const useStyles = makeStyles(theme => ({
  name: { fontWeight: theme.typography.fontWeightMedium as number },
  mono: { fontFamily: 'monospace', wordBreak: 'break-all' },
  image: { display: 'flex', alignItems: 'center', gap: theme.spacing(0.5) },
  snippet: {
    fontFamily: 'monospace',
    fontSize: theme.typography.caption.fontSize,
    whiteSpace: 'pre-wrap',
    wordBreak: 'break-word',
    margin: theme.spacing(0.5, 0, 0, 0),
  },
}));

/**
 * The image a build pushed, pinned by digest when known
 * (`registry/ns/name@sha256:…`), else its reference.
 *
 * @internal
 */
export function pinnedImage(build: MlopsBuildSummary): string | undefined {
  if (!build.imageReference) {
    return build.imageDigest;
  }
  if (!build.imageDigest) {
    return build.imageReference;
  }
  const withoutDigest = build.imageReference.split('@')[0];
  // Drop a tag (a colon after the last slash), keep a registry port.
  const lastSlash = withoutDigest.lastIndexOf('/');
  const colon = withoutDigest.indexOf(':', lastSlash + 1);
  const repository = colon > 0 ? withoutDigest.slice(0, colon) : withoutDigest;
  return `${repository}@${build.imageDigest}`;
}

/**
 * Props of {@link BuildsTable}.
 *
 * @internal
 */
export interface BuildsTableProps {
  /** Newest first. */
  builds: MlopsBuildSummary[];
  caption: string;
  /** A slot for per-build actions, e.g. logs. */
  renderRowActions?: (build: MlopsBuildSummary) => ReactNode;
}

/**
 * OpenShift builds: phase, name and number, why it failed, start, duration,
 * and the image it pushed with its digest (copyable).
 *
 * @internal
 */
export function BuildsTable(props: BuildsTableProps) {
  const classes = useStyles();
  const { builds, renderRowActions } = props;
  return (
    <WholeWordTable size="small">
      <VisuallyHidden component="caption">{props.caption}</VisuallyHidden>
      <TableHead>
        <TableRow>
          <TableCell>Phase</TableCell>
          <TableCell>Name</TableCell>
          <TableCell>Reason</TableCell>
          <TableCell>Started</TableCell>
          <TableCell>Duration</TableCell>
          <TableCell>Image</TableCell>
          {renderRowActions && <TableCell>Actions</TableCell>}
        </TableRow>
      </TableHead>
      <TableBody>
        {builds.map(build => {
          const image = pinnedImage(build);
          return (
            <TableRow key={build.name} hover>
              <TableCell>
                <StatusIndicator tone={runStatusTone(build.status)}>
                  {build.phase}
                </StatusIndicator>
              </TableCell>
              <TableCell>
                <Typography variant="body2" className={classes.name}>
                  {build.name}
                </Typography>
                <Typography variant="caption" component="div">
                  {build.buildConfig}
                  {build.number !== undefined ? ` #${build.number}` : ''}
                </Typography>
              </TableCell>
              <TableCell>
                {build.reason ? (
                  <>
                    <Typography variant="body2">{build.reason}</Typography>
                    {build.message && (
                      <Typography variant="caption" component="div">
                        {build.message}
                      </Typography>
                    )}
                    {build.logSnippet && (
                      <pre
                        className={classes.snippet}
                        aria-label={`Last lines of the log of ${build.name}`}
                      >
                        {build.logSnippet}
                      </pre>
                    )}
                  </>
                ) : (
                  '—'
                )}
              </TableCell>
              <TableCell>
                <RelativeTime value={build.startedAt ?? build.createdAt} />
              </TableCell>
              <TableCell>
                <DurationText item={build} />
              </TableCell>
              <TableCell>
                {image ? (
                  <span className={classes.image}>
                    <Typography
                      variant="body2"
                      className={classes.mono}
                      title={image}
                    >
                      {image}
                    </Typography>
                    <CopyTextButton
                      text={image}
                      aria-label={`Copy the image of ${build.name}`}
                    />
                  </span>
                ) : (
                  '—'
                )}
              </TableCell>
              {renderRowActions && (
                <TableCell>{renderRowActions(build)}</TableCell>
              )}
            </TableRow>
          );
        })}
      </TableBody>
    </WholeWordTable>
  );
}
