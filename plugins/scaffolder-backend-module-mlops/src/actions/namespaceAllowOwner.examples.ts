import type { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

/**
 * Examples of `mlops:namespace:allow-owner`, shown in the portal's action reference
 * and run by the tests.
 *
 * @public
 */
export const examples: TemplateExample[] = [
  {
    description:
      "Make sure the model's namespace allows its owner before creating anything there",
    example: yaml.stringify({
      steps: [
        {
          id: 'allow-owner',
          action: 'mlops:namespace:allow-owner',
          name: 'Check that the namespace allows the owner',
          input: {
            cluster: 'dev',
            namespace: 'mlops-demo',
            owner: 'group:default/data-science-team',
          },
        },
      ],
    }),
  },
];
