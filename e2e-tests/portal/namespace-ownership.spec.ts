import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import { backendUrl, guestToken, signInAsGuest } from '../helpers';

// No confused deputy: the guest (data-science-team) registers an entity of its own
// team that names retention-team's namespace (mlops-demo-team-b) and its model, as
// anyone who may register a catalog location could. The portal's permission policy
// lets the guest act on an entity its team owns; the namespace, whose
// mlops.backstage.io/allowed-owners annotation names retention-team (the dev
// cluster's seed), does not. With the default setting (mlops.namespaceOwnership.enforce:
// mutations) the Training tab reads, and every action is refused, naming the
// namespace and the annotation to add.

const name = `e2e-confused-deputy-${Date.now().toString(36)}`;
const dir = resolve('.run/test/e2e-namespace-ownership');
let locationId: string | undefined;

test.beforeAll(async () => {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${name}.yaml`);
  writeFileSync(
    file,
    [
      'apiVersion: backstage.io/v1alpha1',
      'kind: Component',
      'metadata:',
      `  name: ${name}`,
      '  annotations:',
      '    mlops.backstage.io/cluster: dev',
      '    mlops.backstage.io/namespace: mlops-demo-team-b',
      '    mlops.backstage.io/model-name: churn-predictor',
      '    mlops.backstage.io/inference-service: churn-predictor',
      'spec:',
      '  type: ml-model',
      '  lifecycle: experimental',
      '  owner: data-science-team',
      '',
    ].join('\n'),
  );
  const token = await guestToken();
  const res = await fetch(`${backendUrl}/api/catalog/locations`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
    },
    body: JSON.stringify({ type: 'file', target: file }),
  });
  expect(res.status).toBe(201);
  locationId = ((await res.json()) as { location: { id: string } }).location.id;
  await expect
    .poll(
      async () =>
        (
          await fetch(
            `${backendUrl}/api/catalog/entities/by-name/component/default/${name}`,
            { headers: { authorization: `Bearer ${token}` } },
          )
        ).status,
      { timeout: 60_000 },
    )
    .toBe(200);
});

test.afterAll(async () => {
  if (!locationId) return;
  await fetch(`${backendUrl}/api/catalog/locations/${locationId}`, {
    method: 'DELETE',
    headers: { authorization: `Bearer ${await guestToken()}` },
  });
});

test.beforeEach(async ({ page }) => {
  await page.setViewportSize({ width: 1400, height: 1000 });
  await signInAsGuest(page);
});

test("the Training tab shows the namespace's refusal of a run, naming the namespace and the annotation", async ({
  page,
}) => {
  await page.goto(`/catalog/default/component/${name}/training`);
  // Reads are let through by the default setting: the tab shows churn-predictor's runs.
  await expect(
    page.getByRole('heading', { name: 'Training runs', exact: true }),
  ).toBeVisible();

  // The portal's policy allows the guest's team to act: the button is enabled.
  const run = page.getByRole('button', { name: 'Run training' });
  await expect(run).toBeEnabled();
  await run.click();
  const dialog = page.getByRole('dialog');
  await expect(
    dialog.getByText(
      "Namespace mlops-demo-team-b does not allow this entity's owner",
    ),
  ).toBeVisible();
  await expect(dialog).toContainText(
    `component:default/${name} may not act on the objects of namespace mlops-demo-team-b on cluster dev: the namespace does not allow its owner group:default/data-science-team`,
  );
  await expect(dialog).toContainText(
    'a cluster admin adds group:default/data-science-team to the annotation mlops.backstage.io/allowed-owners of Namespace mlops-demo-team-b',
  );
  await expect(
    dialog.getByRole('button', { name: 'Start run' }),
  ).toBeDisabled();
  await page.screenshot({
    path: '.run/test/screenshots/training-namespace-refusal.png',
  });
});

test('the backend refuses the run with 403 and the refusal, whatever the UI shows', async () => {
  const res = await fetch(
    `${backendUrl}/api/mlops/entity/component/default/${name}/mutations/run-training`,
    {
      method: 'POST',
      headers: {
        authorization: `Bearer ${await guestToken()}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ dryRun: true }),
    },
  );
  expect(res.status).toBe(403);
  const body = (await res.json()) as {
    error: { name: string; mlopsNamespaceRefusal: Record<string, string> };
  };
  expect(body.error.name).toBe('NotAllowedError');
  expect(body.error.mlopsNamespaceRefusal).toEqual({
    cluster: 'dev',
    namespace: 'mlops-demo-team-b',
    owner: 'group:default/data-science-team',
    annotation: 'mlops.backstage.io/allowed-owners',
    use: 'mutation',
  });
});
