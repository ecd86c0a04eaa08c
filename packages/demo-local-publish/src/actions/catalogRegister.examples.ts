import type { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

/**
 * Examples of `mlops:catalog:register`, shown in the portal's action reference and
 * run by the tests.
 *
 * @public
 */
export const examples: TemplateExample[] = [
  {
    description:
      'Register the catalog-info file of a repository published by mlops:publish:local',
    example: yaml.stringify({
      steps: [
        {
          id: 'register',
          action: 'mlops:catalog:register',
          name: 'Register in the catalog',
          input: {
            // In a template: ${{ steps.publish.output.catalogInfoTarget }}
            catalogInfoTarget:
              '/var/lib/backstage/published-repos/anomaly-detector/catalog-info.yaml',
          },
        },
      ],
    }),
  },
];
