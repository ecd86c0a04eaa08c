import { DevCluster } from '@backstage-mlops/dev-cluster';
import { expect, test } from '@playwright/test';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { backendGet, guestToken, signInAsGuest } from '../helpers';

// The Health tab's serving diagnosis of a predictor that fails: an InferenceService
// of the seeded MLServer runtime whose model file is corrupt. The dev cluster runs
// MLServer for real; it cannot load the model and exits, and the kubelet-like
// restarts show as the pod's CrashLoopBackOff, its restarts and the BackOff events.
// Catalog discovery makes the model's entity from the InferenceService.

const NS = 'mlops-demo';
const isvc = `diag-e2e-${Date.now().toString(36)}`;
const claim = `${isvc}-models`;

test.beforeEach(async ({ page }) => {
  await page.setViewportSize({ width: 1400, height: 1000 });
  await signInAsGuest(page);
});

test('a predictor pod that fails shows its reason and events on the Health tab', async ({
  page,
}) => {
  test.setTimeout(360_000);
  const cluster = await DevCluster.fromStateDir('.run/dev-cluster');
  test.skip(
    !cluster.state.platformDir || !(await DevCluster.pythonAvailable()),
    'the dev cluster does not run model servers here',
  );
  const dir = mkdtempSync(join(tmpdir(), 'mlops-e2e-'));
  const manifest = join(dir, 'objects.json');
  writeFileSync(
    manifest,
    JSON.stringify({
      apiVersion: 'v1',
      kind: 'List',
      items: [
        {
          apiVersion: 'v1',
          kind: 'PersistentVolumeClaim',
          metadata: { name: claim, namespace: NS },
          spec: {
            accessModes: ['ReadWriteOnce'],
            resources: { requests: { storage: '1Gi' } },
          },
        },
        {
          apiVersion: 'serving.kserve.io/v1beta1',
          kind: 'InferenceService',
          metadata: {
            name: isvc,
            namespace: NS,
            labels: { modelClass: 'mlserver_sklearn.SKLearnModel' },
            annotations: {
              'serving.kserve.io/deploymentMode': 'RawDeployment',
            },
          },
          spec: {
            predictor: {
              model: {
                modelFormat: { name: 'sklearn', version: '1' },
                runtime: 'mlserver-runtime',
                storageUri: `pvc://${claim}/model`,
              },
            },
          },
        },
      ],
    }),
  );
  const modelDir = join(
    cluster.state.platformDir!,
    'volumes',
    NS,
    claim,
    'model',
  );
  mkdirSync(modelDir, { recursive: true });
  writeFileSync(join(modelDir, 'model.pkl'), 'not a pickle');
  await cluster.kubectl(['create', '-f', manifest]);
  try {
    // The entity discovery makes of the InferenceService.
    const token = await guestToken();
    let entityName: string | undefined;
    await expect(async () => {
      const { body } = await backendGet<{
        items: Array<{ metadata: { name: string } }>;
      }>(
        `/api/catalog/entities/by-query?filter=metadata.annotations.mlops.backstage.io/inference-service=${isvc}`,
        token,
      );
      entityName = body.items[0]?.metadata.name;
      expect(entityName).toBeTruthy();
    }).toPass({ timeout: 120_000 });

    await page.goto(`/catalog/default/component/${entityName}/health`);
    const pods = page.getByRole('table', {
      name: 'Pods of the InferenceService',
    });
    const podRow = pods.getByRole('row', {
      name: new RegExp(`^${isvc}-predictor-`),
    });
    await expect(podRow).toContainText('CrashLoopBackOff', {
      timeout: 180_000,
    });
    await expect(podRow).toContainText(/(Completed|Error), exit code \d+/);

    const events = page.getByRole('table', { name: /^Events of the/ });
    const backOff = events.getByRole('row', { name: /BackOff/ }).first();
    await expect(backOff).toContainText(
      'Back-off restarting failed container kserve-container',
    );
    // Warnings come first.
    await expect(events.getByRole('row').nth(1)).toContainText('Warning');
    await expect(
      page.getByRole('list', { name: 'Deployment progress' }),
    ).toContainText(/Model (server crashed|failed to load) \(failed\)/);
    await page.screenshot({
      path: '.run/test/screenshots/serving-diagnosis.png',
      fullPage: true,
    });

    // The model server's log, from the pod's logs button.
    await podRow
      .getByRole('button', { name: /^Logs of container kserve-container/ })
      .click();
    const dialog = page.getByRole('dialog');
    await expect(dialog).toContainText(/mlserver|MLServer|model/i, {
      timeout: 30_000,
    });
    await dialog.getByRole('button', { name: 'Close' }).click();
  } finally {
    await cluster.kubectl(['delete', '-f', manifest, '--wait=false']);
  }
});
