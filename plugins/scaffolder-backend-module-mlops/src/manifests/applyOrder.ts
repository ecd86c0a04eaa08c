import type { SourcedManifest } from './types';

/**
 * Kinds in the order they are applied: what others refer to first (accounts, roles,
 * storage, images), then the training pipeline, its triggers, and the workloads.
 * Unlisted kinds come last, in file order.
 */
const ORDER = [
  'Namespace',
  'ServiceAccount',
  'Role',
  'RoleBinding',
  'ConfigMap',
  'PersistentVolumeClaim',
  'ImageStream',
  'BuildConfig',
  'Task',
  'Pipeline',
  'TriggerBinding',
  'TriggerTemplate',
  'EventListener',
  'CronJob',
  'Notebook',
  'InferenceService',
];

/**
 * Sorts manifests into apply order (stable within a kind).
 *
 * @public
 */
export function inApplyOrder(manifests: SourcedManifest[]): SourcedManifest[] {
  const rank = (m: SourcedManifest) => {
    const i = ORDER.indexOf(m.object.kind);
    return i === -1 ? ORDER.length : i;
  };
  return manifests
    .map((m, i) => ({ m, i }))
    .sort((a, b) => rank(a.m) - rank(b.m) || a.i - b.i)
    .map(({ m }) => m);
}
