import AxeBuilder from '@axe-core/playwright';
import { expect, type Locator, type Page } from '@playwright/test';

/** The backend of the portal under test. */
export const backendUrl = process.env.BACKEND_URL ?? 'http://localhost:7007';

/** Signs in as the guest user (the portal's local sign-in) and waits for the app. */
export async function signInAsGuest(page: Page): Promise<void> {
  await page.goto('/');
  const enter = page.getByRole('button', { name: 'Enter' });
  await expect(enter).toBeVisible();
  await enter.click();
  // The sidebar's <nav> has no height of its own; its links are what a user sees.
  await expect(
    page
      .getByRole('navigation', { name: 'sidebar nav' })
      .getByRole('link', { name: 'Catalog', exact: true }),
  ).toBeVisible();
}

/** A guest token for calling the backend's APIs directly. */
export async function guestToken(): Promise<string> {
  const res = await fetch(`${backendUrl}/api/auth/guest/refresh`);
  expect(res.ok).toBe(true);
  const body = (await res.json()) as { backstageIdentity: { token: string } };
  return body.backstageIdentity.token;
}

/** GETs a backend path as the guest, returning the parsed JSON body. */
export async function backendGet<T>(
  path: string,
  token: string,
): Promise<{ status: number; body: T }> {
  const res = await fetch(`${backendUrl}${path}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  return { status: res.status, body: (await res.json()) as T };
}

/** The notebooks' repository of the seeded demo (packages/dev-cluster seed). */
const GIT_URL = 'https://github.com/backstage-mlops/demo-models.git';

/**
 * A training run of the demo model anomaly-detector as `tkn pipeline start` would
 * create it, as JSON for `kubectl create -f`. `annotations` may slow the simulated
 * controller down (`sim.mlops.dev/step-seconds`: each step runs that long, writing a
 * progress line per tick).
 */
export function demoPipelineRunManifest(
  name: string,
  annotations: Record<string, string> = {},
): string {
  return JSON.stringify({
    apiVersion: 'tekton.dev/v1',
    kind: 'PipelineRun',
    metadata: {
      name,
      namespace: 'mlops-demo',
      annotations,
      labels: {
        'model-name': 'anomaly-detector',
        'tekton.dev/pipeline': 'model-training-pipeline',
        'triggered-by': 'user',
      },
    },
    spec: {
      pipelineRef: { name: 'model-training-pipeline' },
      params: [
        { name: 'model-name', value: 'anomaly-detector' },
        {
          name: 'notebook-path',
          value:
            'notebooks/02-anomaly-detection/01-isolation-forest-implementation.ipynb',
        },
        { name: 'data-source', value: 'synthetic' },
        { name: 'inference-service-name', value: 'anomaly-detector' },
        { name: 'health-check-enabled', value: 'true' },
        { name: 'training-hours', value: '24' },
        { name: 'git-url', value: GIT_URL },
        { name: 'git-ref', value: 'main' },
      ],
      taskRunTemplate: { serviceAccountName: 'pipeline' },
      workspaces: [
        {
          name: 'model-storage',
          persistentVolumeClaim: { claimName: 'model-storage-pvc' },
        },
      ],
      timeouts: { pipeline: '1h0m0s' },
    },
  });
}

/**
 * Fails unless the element's text takes one line: a word broken across lines (the
 * theme lets table cells break inside words) gives its text a second line box.
 */
export async function expectOneLine(locator: Locator): Promise<void> {
  await expect(locator).toBeVisible();
  const lines = await locator.evaluate(element => {
    const tops = new Set<number>();
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      const range = document.createRange();
      range.selectNodeContents(walker.currentNode);
      for (const rect of range.getClientRects()) {
        if (rect.width > 0) tops.add(Math.round(rect.top));
      }
    }
    return tops.size;
  });
  expect(lines).toBe(1);
}

/** No serious or critical accessibility violations on the page as it is now (axe, WCAG 2 A/AA). */
export async function expectAccessible(page: Page): Promise<void> {
  const { violations } = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa'])
    .analyze();
  const serious = violations
    .filter(v => v.impact === 'serious' || v.impact === 'critical')
    .map(
      v =>
        `${v.id}: ${v.help} (${v.nodes
          .map(n => n.target.join(' '))
          .join('; ')})`,
    );
  expect(serious).toEqual([]);
}
