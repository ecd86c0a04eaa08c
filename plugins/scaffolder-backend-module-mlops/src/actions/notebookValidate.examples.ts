import type { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

/**
 * Examples of `mlops:notebook:validate`, shown in the portal's action reference and
 * run by the tests.
 *
 * @public
 */
export const examples: TemplateExample[] = [
  {
    description:
      "Validate a model's notebook again on a branch, copying its newest NotebookValidationJob, and wait for the result",
    example: yaml.stringify({
      steps: [
        {
          id: 'validate',
          action: 'mlops:notebook:validate',
          name: 'Validate the notebook',
          input: {
            cluster: 'dev',
            namespace: 'mlops-demo',
            modelName: 'anomaly-detector',
            gitRef: 'main',
            wait: true,
            timeoutSeconds: 1200,
            entityRef: 'component:default/anomaly-detector',
          },
        },
      ],
    }),
  },
];
