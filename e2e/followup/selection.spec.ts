import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { DEMO_PASSWORD, demo } from '../fixtures/auth';

/** Like the shared signIn, but waits longer for a development server to compile and answer. */
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
  // The ranking of the confirmed run still names each project.
  await expect(page.getByRole('table', { name: /Orden de prelación/ })).toContainText(third!.projectName);
  await expect(page.getByRole('button', { name: 'Previsualizar' })).toHaveCount(0);
  // Published in the Diario Oficial later: recorded once, then shown instead of the form.
  await page.getByLabel('Fecha de publicación en el Diario Oficial', { exact: true }).fill(new Date(Date.now() - 86_400_000).toISOString().slice(0, 10));
  await page.getByRole('button', { name: 'Registrar publicación' }).click();
  await expect(page.getByTestId('seleccion-publicada')).toContainText('Publicada en el Diario Oficial el');
  await expect(page.getByRole('button', { name: 'Registrar publicación' })).toHaveCount(0);
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

test('national staff enter the point tables; projects whose families differ only in housing rank by them; the tables lock with the selection', async ({ page, request }) => {
  const response = await request.post('/api/test/seed-selection');
  expect(response.ok()).toBe(true);
  const fixture = (await response.json()) as SelectionFixture;
  const [santiago, antofagasta, magallanes] = fixture.applications;

  await signIn(page, demo.minvu);
  await page.goto(`/gestion/seleccion?llamado=${fixture.callId}`);
  await page.getByRole('link', { name: 'Parámetros de este llamado (tablas de puntaje y topes de ingresos)' }).click();
  await expect(page.getByRole('heading', { name: 'Parámetros del llamado' })).toBeVisible();
  await expect(page.getByTestId('puntaje-sin-definir')).toContainText('Faltan 24 valores de puntaje');
  await expect(page.getByTestId('puntaje-sin-definir')).toContainText('Hacinamiento — Hacinamiento crítico');
  await expect(page.getByTestId('tope-centro-2')).toContainText('inferido');

  const overcrowding = page.locator('[data-factor="vulnerabilidad_habitacional.hacinamiento"]');
  await overcrowding.getByLabel('Sin hacinamiento').fill('0');
  await overcrowding.getByLabel('Hacinamiento medio').fill('20');
  await overcrowding.getByLabel('Hacinamiento crítico').fill('cuarenta');
  await page.getByRole('button', { name: 'Guardar tablas de puntaje' }).click();
  // Refused next to the field and in the summary, with what was typed kept.
  await expect(page.getByRole('alert', { name: 'Hay un problema' })).toContainText('Hacinamiento: Escriba los puntos como un número');
  await expect(overcrowding.getByLabel('Hacinamiento crítico')).toHaveAttribute('aria-invalid', 'true');
  await expect(overcrowding.getByLabel('Hacinamiento medio')).toHaveValue('20');
  await overcrowding.getByLabel('Hacinamiento crítico').fill('40');
  await page.getByRole('button', { name: 'Guardar tablas de puntaje' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Se guardaron 3 cambios en las tablas de puntaje.' })).toBeVisible();
  await expect(page.getByTestId('puntaje-sin-definir')).toContainText('Faltan 21 valores de puntaje');
  await expect(page.getByTestId('historial-parametros')).toContainText('Hacinamiento — Hacinamiento crítico (5 o más personas por dormitorio): puntos: sin definir → 40');

  // The same three projects, now ranked by their families' overcrowding: Magallanes, Antofagasta, Santiago.
  await page.goto(`/gestion/seleccion?llamado=${fixture.callId}`);
  await page.getByLabel('Presupuesto para esta selección (UF, opcional)').fill('12000');
  await page.getByRole('button', { name: 'Previsualizar' }).click();
  await expect(page.getByRole('heading', { name: 'Vista previa (borrador)' })).toBeVisible();
  const ranking = page.getByRole('table', { name: 'Orden de prelación' });
  await expect(ranking.locator('tbody tr').nth(0)).toContainText(magallanes!.number);
  await expect(ranking.locator('tbody tr').nth(0)).toContainText('40,00');
  await expect(ranking.locator('tbody tr').nth(1)).toContainText(antofagasta!.number);
  await expect(ranking.locator('tbody tr').nth(2)).toContainText(santiago!.number);
  await expect(page.getByTestId('primer-excluido')).toContainText(santiago!.number);
  await ranking.locator('tbody tr').nth(0).getByText('Desglose del puntaje').click();
  await expect(ranking.locator('tbody tr').nth(0).locator('[data-factor="vulnerabilidad_habitacional.hacinamiento"]')).toContainText('Hacinamiento: 40,00 puntos promedio');
  await expect(ranking.locator('tbody tr').nth(0).locator('[data-factor="grupo_familiar.integrantes"]')).toContainText('puntaje sin definir en el llamado');

  // Confirmed, the selection locks the call's parameters.
  await page.getByLabel('Número de la resolución').fill('Res. Ex. N° 5555');
  await page.getByLabel('Fecha de la resolución').fill(new Date(Date.now() - 86_400_000).toISOString().slice(0, 10));
  await page.getByRole('button', { name: 'Confirmar selección' }).click();
  await expect(page.getByRole('heading', { name: 'Selección confirmada' })).toBeVisible();
  await page.goto(`/gestion/llamados/${fixture.callId}/parametros`);
  await expect(page.getByTestId('parametros-bloqueados')).toContainText('Res. Ex. N° 5555');
  await expect(page.getByRole('button', { name: 'Guardar tablas de puntaje' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Guardar topes de ingresos' })).toHaveCount(0);
});

test('the selection page keeps its call in the address, so a confirmation stays on it', async ({ page }) => {
  await signIn(page, demo.minvu);
  await page.goto('/gestion/seleccion');
  await expect(page).toHaveURL(/\/gestion\/seleccion\?llamado=[0-9a-f-]{36}$/);
  const chosen = await page.getByLabel('Llamado', { exact: true }).inputValue();
  expect(page.url()).toContain(chosen);
});

test('a regional reviewer cannot open the national selection', async ({ page }) => {
  await signIn(page, demo.reviewerRm);
  await page.goto('/gestion/seleccion');
  await expect(page).toHaveURL(/\/sin-acceso/);
  await expect(page.getByRole('heading', { name: 'Selección nacional' })).toHaveCount(0);
});
