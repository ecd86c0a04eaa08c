import { mockServices } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { readMlopsCoordinates } from '@backstage-mlops/plugin-mlops-common';
import type { MlopsSlimObjects } from '@backstage-mlops/plugin-mlops-node';
import { anInferenceService, condition } from '../mappers/testFixtures';
import type { ModelTarget } from '../services/ModelAccess';
import { ValidationErrorCategories } from '../services/ValidationErrorCategories';
import { InMemoryObjectStore } from '../testing/InMemoryObjectStore';
import { LiveChangeMapper } from './LiveChangeMapper';

const NS = 'mlops-demo';

function target(): ModelTarget {
  const entity: Entity = {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'anomaly-detector',
      namespace: 'default',
      annotations: {
        'mlops.backstage.io/namespace': NS,
        'mlops.backstage.io/inference-service': 'anomaly-detector',
      },
    },
    spec: { type: 'ml-model', owner: 't', lifecycle: 'production' },
  };
  const result = readMlopsCoordinates(entity);
  if (!result.ok) throw new Error('bad fixture');
  return {
    entity,
    entityRef: 'component:default/anomaly-detector',
    coordinates: result.coordinates,
    cluster: { name: 'dev', url: 'https://dev', authProvider: 'serviceAccount' },
  };
}

function pod(name: string, service: string): MlopsSlimObjects['pods'] {
  return {
    metadata: {
      name,
      namespace: NS,
      uid: `uid-${name}`,
      resourceVersion: '1',
      labels: { 'serving.kserve.io/inferenceservice': service },
    },
    spec: { containers: ['kserve-container'] },
    status: { phase: 'Running' },
  };
}

function event(kind: string, name: string): MlopsSlimObjects['events'] {
  return {
    metadata: {
      name: `${name}.1`,
      namespace: NS,
      uid: `uid-${name}.1`,
      resourceVersion: '1',
    },
    involvedObject: { kind, name },
    type: 'Warning',
    reason: 'BackOff',
  };
}

describe('LiveChangeMapper: serving pods and Events', () => {
  const store = new InMemoryObjectStore()
    .add(
      'dev',
      'inferenceservices',
      anInferenceService({ conditions: [condition('Ready', 'False')] }),
    )
    .add('dev', 'pods', pod('anomaly-detector-predictor-a', 'anomaly-detector'))
    .add('dev', 'pods', pod('other-predictor-b', 'other'));
  const mapper = LiveChangeMapper.create({
    store,
    validationCategories: ValidationErrorCategories.create({
      logger: mockServices.logger.mock(),
      readPodLog: async () => '',
    }),
  });

  it('tells a change of the service when its pod or an Event of it or its pods changes', async () => {
    for (const change of [
      { kind: 'pods' as const, object: pod('anomaly-detector-predictor-a', 'anomaly-detector') },
      { kind: 'events' as const, object: event('Pod', 'anomaly-detector-predictor-a') },
      { kind: 'events' as const, object: event('InferenceService', 'anomaly-detector') },
    ]) {
      await expect(
        mapper.map(target(), { cluster: 'dev', type: 'MODIFIED', ...change }),
      ).resolves.toMatchObject({
        type: 'inferenceService',
        change: 'upsert',
        name: 'anomaly-detector',
        item: { name: 'anomaly-detector', ready: 'False' },
      });
    }
  });

  it("ignores other services' pods and their Events", async () => {
    for (const change of [
      { kind: 'pods' as const, object: pod('other-predictor-b', 'other') },
      { kind: 'events' as const, object: event('Pod', 'other-predictor-b') },
      { kind: 'events' as const, object: event('InferenceService', 'other') },
    ]) {
      await expect(
        mapper.map(target(), { cluster: 'dev', type: 'ADDED', ...change }),
      ).resolves.toBeUndefined();
    }
  });
});
