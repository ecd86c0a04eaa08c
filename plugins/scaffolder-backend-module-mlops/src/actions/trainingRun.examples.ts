import type { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

/**
 * Examples of `mlops:training:run`, shown in the portal's action reference and run by
 * the tests.
 *
 * @public
 */
export const examples: TemplateExample[] = [
  {
    description:
      'Start a training run of a model on synthetic data and wait until it finishes (at most 30 minutes)',
    example: yaml.stringify({
      steps: [
        {
          id: 'train',
          action: 'mlops:training:run',
          name: 'Train the model',
          input: {
            cluster: 'dev',
            namespace: 'mlops-demo',
            modelName: 'anomaly-detector',
            pipeline: 'model-training-pipeline',
            params: { 'data-source': 'synthetic', 'training-hours': 24 },
            inferenceService: 'anomaly-detector',
            wait: true,
            timeoutSeconds: 1800,
            entityRef: 'component:default/anomaly-detector',
          },
        },
      ],
    }),
  },
];
