// Renders templates/ml-model/skeleton with the scaffolder's own fetch:template action
// (the nunjucks rendering a real task uses) into a temporary workspace.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import { createFetchTemplateAction } from '@backstage/plugin-scaffolder-backend';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';

export const TEMPLATE_DIR = resolve(
  __dirname,
  '../../../../../templates/ml-model',
);

/** The values the template's render step passes (as template.yaml computes them). */
export interface SkeletonValues {
  name: string;
  description: string;
  owner: string;
  system?: string;
  framework: 'sklearn' | 'xgboost' | 'pytorch';
  gpu: boolean;
  cluster: string;
  namespace: string;
  productionNamespace: string;
  schedule: string;
  dataSource: 'synthetic' | 'prometheus' | 'hybrid';
  scheduledDataSource: 'synthetic' | 'prometheus';
  storageAccessMode: 'ReadWriteMany' | 'ReadWriteOnce';
  /** '' for the cluster's default StorageClass. */
  storageClassName: string;
  publishTarget: 'local' | 'github' | 'gitlab';
  gitUrl: string;
}

export function skeletonValues(
  overrides: Partial<SkeletonValues> = {},
): SkeletonValues {
  return {
    name: 'fraud-scorer',
    description: 'Scores transactions: "fraud" or not.',
    owner: 'group:default/data-science-team',
    system: 'self-healing-platform',
    framework: 'sklearn',
    gpu: false,
    cluster: 'dev',
    namespace: 'mlops-demo',
    productionNamespace: 'mlops-demo-prod',
    schedule: '0 2 * * 0',
    dataSource: 'synthetic',
    scheduledDataSource: 'synthetic',
    storageAccessMode: 'ReadWriteMany',
    storageClassName: '',
    publishTarget: 'github',
    gitUrl: 'https://github.com/acme/fraud-scorer.git',
    ...overrides,
  };
}

/** Renders the skeleton; returns the workspace directory. */
export async function renderSkeleton(values: SkeletonValues): Promise<string> {
  const workspacePath = mkdtempSync(join(tmpdir(), 'ml-model-skeleton-'));
  const action = createFetchTemplateAction({
    reader: mockServices.urlReader.mock(),
    integrations: ScmIntegrations.fromConfig(new ConfigReader({})),
  });
  const ctx = createMockActionContext({
    input: { url: './skeleton', values: { ...values } },
    workspacePath,
    templateInfo: {
      entityRef: 'template:default/ml-model',
      baseUrl: pathToFileURL(join(TEMPLATE_DIR, 'template.yaml')).href,
    },
  });
  // The mock hands out the workspace as temporary directory; fetch:template needs its own.
  ctx.createTemporaryDirectory = async () =>
    mkdtempSync(join(tmpdir(), 'ml-model-fetch-'));
  await action.handler(ctx);
  return workspacePath;
}
