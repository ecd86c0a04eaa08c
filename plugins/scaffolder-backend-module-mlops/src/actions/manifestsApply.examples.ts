import type { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

/**
 * Examples of `mlops:manifests:apply`, shown in the portal's action reference and run
 * by the tests.
 *
 * @public
 */
export const examples: TemplateExample[] = [
  {
    description:
      'Apply the rendered development manifests of a new model project and link them to its entity',
    example: yaml.stringify({
      steps: [
        {
          id: 'apply',
          action: 'mlops:manifests:apply',
          name: 'Create the model project on the cluster',
          input: {
            cluster: 'dev',
            namespace: 'mlops-demo',
            path: 'k8s/rendered',
            entityRef: 'component:default/anomaly-detector',
          },
        },
      ],
    }),
  },
];
