import { expect, test } from '@playwright/test';
import { demo, signIn } from '../fixtures/auth';

let callId = '';
test.beforeAll(async ({ request }) => {
  // A call of its own, so nothing here depends on the shared demo calls.
  const response = await request.post('/api/test/seed-selection');
  expect(response.ok()).toBe(true);
  callId = ((await response.json()) as { callId: string }).callId;
});

for (const email of [demo.reviewerRm, demo.directorRm, demo.gore]) {
  test(`${email} gets «not found» for a call's parameters and the list of calls`, async ({ page }) => {
    await signIn(page, email);
    for (const path of [`/gestion/llamados/${callId}/parametros`, '/gestion/llamados']) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(404);
      await expect(page.getByRole('heading', { name: 'Parámetros del llamado' })).toHaveCount(0);
      await expect(page.getByText('Tablas de puntaje')).toHaveCount(0);
    }
    // Their back office does not offer it either.
    await page.goto('/gestion');
    await expect(page.getByRole('link', { name: /Parámetros de los llamados/ })).toHaveCount(0);
  });
}

for (const email of [demo.orgRep, demo.worker]) {
  test(`${email} never reaches a call's parameters`, async ({ page }) => {
    await signIn(page, email);
    await page.goto(`/gestion/llamados/${callId}/parametros`);
    // The back office sends applicants away before any page of it renders; the data layer would answer «not found».
    await expect(page).toHaveURL(/\/sin-acceso/);
    await expect(page.getByRole('heading', { name: 'Parámetros del llamado' })).toHaveCount(0);
  });
}

test('national staff reach it from the back-office home', async ({ page }) => {
  await signIn(page, demo.minvu);
  await page.goto('/gestion');
  await page.getByRole('link', { name: /Parámetros de los llamados/ }).click();
  await expect(page.getByRole('heading', { name: 'Llamados y sus parámetros' })).toBeVisible();
  await page.getByRole('link', { name: 'PVT-2022' }).click();
  await expect(page.getByRole('heading', { name: 'Parámetros del llamado' })).toBeVisible();
  await expect(page.getByTestId('puntaje-sin-definir')).toContainText('Faltan 24 valores de puntaje');
  await expect(page.getByTestId('tope-centro-2')).toContainText('inferido');
  await expect(page.getByTestId('tope-centro-1')).not.toContainText('inferido');
});
