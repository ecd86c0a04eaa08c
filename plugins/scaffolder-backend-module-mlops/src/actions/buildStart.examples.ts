import type { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

/**
 * Examples of `mlops:build:start`, shown in the portal's action reference and run by
 * the tests.
 *
 * @public
 */
export const examples: TemplateExample[] = [
  {
    description:
      "Build a model's notebook image (S2I) and wait until the build completes",
    example: yaml.stringify({
      steps: [
        {
          id: 'build',
          action: 'mlops:build:start',
          name: 'Build the notebook image',
          input: {
            cluster: 'dev',
            namespace: 'mlops-demo',
            buildConfig: 'anomaly-detector-notebook',
            wait: true,
            timeoutSeconds: 2700,
            entityRef: 'component:default/anomaly-detector',
          },
        },
      ],
    }),
  },
];
