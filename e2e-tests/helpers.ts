import { expect, type Page } from '@playwright/test';

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
