import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import {
  type TemplateAction,
  scaffolderActionsExtensionPoint,
} from '@backstage/plugin-scaffolder-node';
import scaffolderModuleMlops from '.';

describe('scaffolderModuleMlops', () => {
  it('registers the mlops actions with the scaffolder', async () => {
    const actions: TemplateAction[] = [];
    await startTestBackend({
      extensionPoints: [
        [
          scaffolderActionsExtensionPoint,
          {
            addActions: (...added: TemplateAction[]) => actions.push(...added),
          },
        ],
      ],
      features: [
        scaffolderModuleMlops,
        mockServices.rootConfig.factory({
          data: {
            app: { baseUrl: 'http://localhost:3000' },
            mlops: {
              clusters: [{ name: 'dev', url: 'https://127.0.0.1:6443' }],
            },
          },
        }),
      ],
    });
    expect(actions.map(a => a.id)).toEqual([
      'mlops:cluster:check',
      'mlops:namespace:allow-owner',
      'mlops:manifests:apply',
      'mlops:training:run',
      'mlops:notebook:validate',
      'mlops:build:start',
    ]);
  });
});
