import type { MlopsLogTarget } from '../api/MlopsApi';

/**
 * A name for a log target, e.g. for its downloaded file: the build, `<taskRun>-<step>`,
 * or `<pod>-<container>`.
 *
 * @internal
 */
export function logTargetName(target: MlopsLogTarget): string {
  switch (target.type) {
    case 'build':
      return target.build;
    case 'step':
      return `${target.taskRun}-${target.step}`;
    case 'serving-pod':
      return `${target.pod}-${target.container}`;
    default:
      return 'log';
  }
}
