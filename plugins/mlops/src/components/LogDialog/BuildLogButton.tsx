import {
  isMlopsRunFinished,
  type MlopsBuildSummary,
} from '@backstage-mlops/plugin-mlops-common';
import type { MlopsEntityRef } from '../../api/MlopsApi';
import { LogButton } from './LogButton';

/**
 * Props of {@link BuildLogButton}.
 *
 * @internal
 */
export interface BuildLogButtonProps {
  entityRef: MlopsEntityRef;
  build: MlopsBuildSummary;
}

/**
 * The "Logs" button of an OpenShift build, following the log while the build
 * has not finished.
 *
 * @internal
 */
export function BuildLogButton(props: BuildLogButtonProps) {
  const { build } = props;
  return (
    <LogButton
      entityRef={props.entityRef}
      target={{ type: 'build', build: build.name }}
      title={`Log of build ${build.name}`}
      follow={!isMlopsRunFinished(build.status)}
      ariaLabel={`Logs of build ${build.name}`}
    >
      Logs
    </LogButton>
  );
}
