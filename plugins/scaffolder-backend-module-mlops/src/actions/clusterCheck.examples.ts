import type { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

/**
 * Examples of `mlops:cluster:check`, shown in the portal's action reference and run by
 * the tests.
 *
 * @public
 */
export const examples: TemplateExample[] = [
  {
    description: 'Check a new model project before creating it',
    example: yaml.stringify({
      steps: [
        {
          id: 'check',
          action: 'mlops:cluster:check',
          name: 'Platform pre-checks',
          input: {
            cluster: 'dev',
            namespace: 'mlops-demo',
            modelName: 'anomaly-detector',
            framework: 'sklearn',
            storageAccessMode: 'ReadWriteMany',
            storageClassName: '',
          },
        },
      ],
    }),
  },
];
