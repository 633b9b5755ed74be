import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { DEMO_PASSWORD, demo } from '../fixtures/auth';

/** Like the shared signIn, but waits longer for the shared development server to compile and answer. */
async function signIn(page: Page, email: string): Promise<void> {
  await page.goto('/ingresar');
  await page.getByLabel('Correo electrónico').fill(email);
  await page.getByLabel('Contraseña').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Ingresar', exact: true }).click();
  await expect(page).not.toHaveURL(/\/ingresar/, { timeout: 45_000 });
  await page.waitForLoadState('load');
}

interface SelectionFixture {
  callId: string;
  callCode: string;
  applications: Array<{ id: string; number: string; projectName: string }>;
}

test.setTimeout(120_000);

test('national staff preview a selection that leaves a project out, confirm it, and the public page lists the selected', async ({ page, request }) => {
  // Each run gets its own call: a confirmed selection is final.
  const response = await request.post('/api/test/seed-selection');
  expect(response.ok()).toBe(true);
  const fixture = (await response.json()) as SelectionFixture;
  const [first, second, third] = fixture.applications;

  await signIn(page, demo.minvu);
  await page.goto(`/gestion/seleccion?llamado=${fixture.callId}`);
  await expect(page.getByRole('heading', { name: 'Selección nacional' })).toBeVisible();
  await expect(page.getByTestId('parametros-sin-definir')).toBeVisible();
  await expect(page.getByRole('cell', { name: first!.number })).toBeVisible();

  // A budget above the call's is refused next to the field, and what was typed stays.
  const budget = page.getByLabel('Presupuesto para esta selección (UF, opcional)');
  await budget.fill('999999999');
  await page.getByRole('button', { name: 'Previsualizar' }).click();
  await expect(page.getByRole('alert', { name: /No se pudo completar/ })).toContainText('no puede superar');
  await expect(budget).toHaveValue('999999999');

  await budget.fill('12000');
  await page.getByRole('button', { name: 'Previsualizar' }).click();
  await expect(page.getByRole('heading', { name: 'Vista previa (borrador)' })).toBeVisible();
  await expect(page.getByTestId('presupuesto')).toContainText('10.500 UF');
  await expect(page.getByTestId('presupuesto')).toContainText('12.000 UF');
  await expect(page.getByTestId('primer-excluido')).toContainText(third!.number);
  // The approved project that cannot be ranked is in the preview too, with its reason.
  const unrankable = fixture.applications[3]!;
  await expect(page.getByTestId('sin-orden')).toContainText(unrankable.number);
  await expect(page.getByTestId('sin-orden')).toContainText('no puede ordenarse por puntaje y no es seleccionado');

  await page.getByRole('button', { name: 'Confirmar selección' }).click();
  await expect(page.getByRole('alert', { name: /No se pudo completar/ })).toContainText('número de la resolución');
  await page.getByLabel('Número de la resolución').fill('Res. Ex. N° 4321');
  await page.getByLabel('Fecha de la resolución').fill(new Date(Date.now() - 86_400_000).toISOString().slice(0, 10));
  await page.getByRole('button', { name: 'Confirmar selección' }).click();
  await expect(page.getByRole('heading', { name: 'Selección confirmada' })).toBeVisible();
  await expect(page.getByText('Res. Ex. N° 4321', { exact: false }).first()).toBeVisible();
  await expect(page.getByRole('button', { name: 'Previsualizar' })).toHaveCount(0);
  // Every approved project got its decision: the unrankable one is listed as not selected in the confirmed run.
  await expect(page.getByTestId('sin-orden')).toContainText(unrankable.number);
  await page.goto(`/gestion/postulaciones/${unrankable.id}`);
  await expect(page.getByText('No seleccionada').first()).toBeVisible();

  await page.context().clearCookies();
  await page.goto('/seleccionados');
  const table = page.getByRole('table').filter({ hasText: first!.projectName });
  await expect(table).toContainText(second!.projectName);
  await expect(table).not.toContainText(third!.projectName);
  await expect(table).not.toContainText(unrankable.projectName);
  await expect(table).toContainText('Sindicato de Trabajadores Demo Selección');
});

test('a regional reviewer cannot open the national selection', async ({ page }) => {
  await signIn(page, demo.reviewerRm);
  await page.goto('/gestion/seleccion');
  await expect(page).toHaveURL(/\/sin-acceso/);
  await expect(page.getByRole('heading', { name: 'Selección nacional' })).toHaveCount(0);
});
