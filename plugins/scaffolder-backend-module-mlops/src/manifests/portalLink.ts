import { parseEntityRef } from '@backstage/catalog-model';

const TRAINING = new Set([
  'Pipeline',
  'Task',
  'PipelineRun',
  'CronJob',
  'EventListener',
  'TriggerTemplate',
  'TriggerBinding',
  'BuildConfig',
  'ImageStream',
  'NotebookValidationJob',
]);
const HEALTH = new Set(['InferenceService', 'Notebook']);

/**
 * The portal page where an applied object shows: the model entity's Training tab
 * (pipelines, triggers, builds), Health tab (serving, workbench) or Kubernetes tab
 * (everything else); the entity page itself without a kind.
 *
 * @public
 */
export function portalLink(
  baseUrl: string,
  entityRef: string,
  kind?: string,
): string {
  const ref = parseEntityRef(entityRef, {
    defaultKind: 'component',
    defaultNamespace: 'default',
  });
  const page = `${baseUrl.replace(/\/+$/, '')}/catalog/${encodeURIComponent(
    ref.namespace,
  )}/${encodeURIComponent(
    ref.kind.toLocaleLowerCase('en-US'),
  )}/${encodeURIComponent(ref.name)}`;
  if (!kind) return page;
  if (TRAINING.has(kind)) return `${page}/training`;
  if (HEALTH.has(kind)) return `${page}/health`;
  return `${page}/kubernetes`;
}
