import type { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

/**
 * Examples of `mlops:publish:local`, shown in the portal's action reference and run
 * by the tests.
 *
 * @public
 */
export const examples: TemplateExample[] = [
  {
    description:
      'Publish the rendered project as a local git repository named after the model',
    example: yaml.stringify({
      steps: [
        {
          id: 'publish',
          action: 'mlops:publish:local',
          name: 'Publish to a local git repository',
          input: {
            repoName: 'anomaly-detector',
            defaultBranch: 'main',
            commitMessage: 'New ML model anomaly-detector',
          },
        },
      ],
    }),
  },
];
