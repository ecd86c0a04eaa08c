import type { MlopsDeploymentMode } from '@backstage-mlops/plugin-mlops-common';

/** The annotation that selects an InferenceService's deployment mode. */
export const DEPLOYMENT_MODE_ANNOTATION = 'serving.kserve.io/deploymentMode';

const MODES: Readonly<Record<string, MlopsDeploymentMode>> = {
  standard: 'Standard',
  rawdeployment: 'Standard',
  knative: 'Knative',
  serverless: 'Knative',
  modelmesh: 'ModelMesh',
};

/**
 * A KServe deployment mode under its current name: the legacy `RawDeployment` is
 * `Standard` and `Serverless` is `Knative` (KServe renamed them); case is ignored.
 * Unknown names give `undefined`.
 *
 * @internal
 */
export function normalizeDeploymentMode(
  name: string | undefined,
): MlopsDeploymentMode | undefined {
  const key = name?.trim().toLowerCase();
  return key && Object.prototype.hasOwnProperty.call(MODES, key)
    ? MODES[key]
    : undefined;
}
