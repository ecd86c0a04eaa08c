import {
  MLOPS_MODEL_NAME_LABEL,
  type MlopsDriftRetraining,
  type MlopsServingDiagnosisResponse,
} from '@backstage-mlops/plugin-mlops-common';
import {
  readPod,
  readServingEvents,
  readServingProgress,
  timeMillis,
  type MlopsObjectStore,
  type SlimPipelineRun,
  KSERVE_INFERENCE_SERVICE_POD_LABEL,
} from '@backstage-mlops/plugin-mlops-node';
import { detectTrigger, toPipelineRunSummary } from '../mappers';
import { FreshnessCollector } from './FreshnessCollector';
import type { ModelTarget } from './ModelAccess';

/**
 * Answers the serving diagnosis of the Health tab, from the watch cache and within
 * the entity's namespace only: the progress of the model's InferenceService, the
 * Events of the service and of its pods, its pods, and the last retraining a drift
 * alert started.
 *
 * @internal
 */
export class ServingDiagnosisReader {
  static create(options: { store: MlopsObjectStore }): ServingDiagnosisReader {
    return new ServingDiagnosisReader(options.store);
  }

  private constructor(private readonly store: MlopsObjectStore) {}

  async read(target: ModelTarget): Promise<MlopsServingDiagnosisResponse> {
    const { cluster, coordinates, entityRef } = target;
    const base = { cluster: cluster.name, namespace: coordinates.namespace };
    const collector = new FreshnessCollector();
    const name = coordinates.inferenceService;

    const [services, pods, events, runs] = await Promise.all([
      name
        ? this.store.query({ ...base, kind: 'inferenceservices', name })
        : undefined,
      name
        ? this.store.query({
            ...base,
            kind: 'pods',
            labels: { [KSERVE_INFERENCE_SERVICE_POD_LABEL]: name },
          })
        : undefined,
      name ? this.store.query({ ...base, kind: 'events' }) : undefined,
      this.store.query({
        ...base,
        kind: 'pipelineruns',
        labels: { [MLOPS_MODEL_NAME_LABEL]: coordinates.modelName },
      }),
    ]);

    const response: MlopsServingDiagnosisResponse = {
      entityRef,
      cluster: base.cluster,
      namespace: base.namespace,
      freshness: [],
      notInstalled: [],
      progress: [],
      events: [],
      pods: [],
    };
    const isvc = services
      ? collector.add(base.cluster, 'inferenceservices', services)[0]
      : undefined;
    if (isvc && pods && events) {
      const servicePods = collector.add(base.cluster, 'pods', pods);
      const podNames = new Set(servicePods.map(pod => pod.metadata.name));
      const related = collector
        .add(base.cluster, 'events', events)
        .filter(event =>
          event.involvedObject.kind === 'InferenceService'
            ? event.involvedObject.name === isvc.metadata.name
            : podNames.has(event.involvedObject.name),
        );
      response.inferenceService = isvc.metadata.name;
      const mode =
        isvc.status?.deploymentMode ??
        isvc.metadata.annotations?.['serving.kserve.io/deploymentMode'];
      if (mode) {
        response.deploymentMode = mode;
      }
      response.progress = readServingProgress(isvc, servicePods);
      response.events = readServingEvents(related);
      response.pods = servicePods
        .map(readPod)
        .sort(
          (a, b) =>
            (timeMillis(b.startedAt) ?? 0) - (timeMillis(a.startedAt) ?? 0),
        );
    }
    const drift = lastDriftRetraining(
      collector.add(base.cluster, 'pipelineruns', runs),
    );
    if (drift) {
      response.drift = drift;
    }
    response.freshness = collector.freshness();
    response.notInstalled = collector.notInstalledKinds();
    return response;
  }
}

/**
 * The newest training run an alert started (Tekton Triggers' EventListener creates it
 * when Alertmanager posts the firing drift alert, templates/ml-model
 * skeleton/k8s/base/triggers.yaml): its creation is when the alert fired.
 */
function lastDriftRetraining(
  runs: readonly SlimPipelineRun[],
): MlopsDriftRetraining | undefined {
  const newest = runs
    .filter(run => detectTrigger(run).type === 'alert')
    .filter(run => timeMillis(run.metadata.creationTimestamp) !== undefined)
    .sort(
      (a, b) =>
        timeMillis(b.metadata.creationTimestamp)! -
        timeMillis(a.metadata.creationTimestamp)!,
    )[0];
  if (!newest) {
    return undefined;
  }
  const trigger = detectTrigger(newest);
  const out: MlopsDriftRetraining = {
    firedAt: newest.metadata.creationTimestamp!,
    run: {
      name: newest.metadata.name,
      status: toPipelineRunSummary(newest, []).status,
    },
  };
  if (trigger.detail) {
    out.via = trigger.detail;
  }
  return out;
}
