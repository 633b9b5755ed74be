import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { computeCheckDigit, formatRut } from '../../lib/domain/rut';

test('the simulator answers without JavaScript, with the 2022 call’s figures', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto('/simulador');
  await page.getByLabel('Comuna donde estaría la vivienda').fill('Santiago');
  await page.getByLabel('Ingreso mensual del hogar (pesos)').fill('450.000');
  await page.getByLabel('Ahorro para la vivienda (UF)').fill('70');
  await page.getByLabel('Precio de la vivienda (UF, opcional)').fill('1600');
  await page.getByRole('button', { name: 'Calcular' }).click();
  const chosen = page.locator('section', { has: page.getByRole('heading', { name: /1\.600 UF \(tramo 2\)/ }) });
  await expect(chosen).toContainText('$97.743');
  // The 2022 call rounds each peso figure from the unrounded payment: 97.743 − 14.661 shows as 83.081.
  await expect(chosen).toContainText('$83.081');
  await expect(chosen).toContainText('$390.970');
  await expect(page.getByTestId('rule-25')).toContainText('cumple la regla del 25%');
  await expect(page.getByRole('heading', { name: /Tramo 2/ })).toContainText('Puede postular');
  await context.close();
});

test('a band chosen without a price shows its detail at the highest price within reach', async ({ page }) => {
  await page.goto('/simulador');
  await page.getByLabel('Comuna donde estaría la vivienda').fill('Castro');
  await page.getByLabel('Ingreso mensual del hogar (pesos)').fill('900.000');
  await page.getByLabel('Ahorro para la vivienda (UF)').fill('70');
  await page.getByLabel('O elija un tramo (opcional)').selectOption('2');
  await page.getByRole('button', { name: 'Calcular' }).click();
  const band2 = page.locator('article', { has: page.getByRole('heading', { name: /Tramo 2/ }) });
  const top = (await band2.locator('dt:has-text("Precio máximo para usted") + dd').innerText()).trim();
  await expect(page.getByRole('heading', { name: `Una vivienda de ${top} (tramo 2)` })).toBeVisible();
  await expect(page.getByLabel('O elija un tramo (opcional)')).toHaveValue('2');
});

test('bad input is explained next to each field and kept', async ({ page }) => {
  await page.goto('/simulador?comuna=Gotham&incomeClp=-1&savingsUf=50');
  await expect(page.locator('#comuna-error')).toContainText('No encontramos la comuna «Gotham»');
  await expect(page.locator('#incomeClp-error')).toContainText('no puede ser negativo');
  await expect(page.getByLabel('Comuna donde estaría la vivienda')).toHaveValue('Gotham');
});

test('the D.S. N°49 Magallanes variant shows cost and GORE contribution per comuna', async ({ page }) => {
  await page.goto('/simulador?ds49Comuna=12201');
  await expect(page.getByTestId('ds49-result')).toContainText('3.360 UF');
  await expect(page.getByTestId('ds49-result')).toContainText('2.000 UF');
});

test('the Magallanes variant keeps the first simulation and states the reglamento conditions', async ({ page }) => {
  await page.goto('/simulador?comuna=Punta+Arenas&incomeClp=900000&savingsUf=70');
  await expect(page.getByRole('heading', { name: 'Resultado para Punta Arenas' })).toBeVisible();
  await page.getByLabel('Comuna', { exact: true }).selectOption({ label: 'Natales' });
  await page.getByRole('button', { name: 'Ver montos' }).click();
  await expect(page.getByTestId('ds49-result')).toContainText('2.415 UF');
  await expect(page.getByTestId('ds49-result')).toContainText('550 UF');
  await expect(page.getByRole('heading', { name: 'Resultado para Punta Arenas' })).toBeVisible();
  const conditions = page.getByTestId('ds49-conditions');
  await expect(conditions).toContainText('Al menos el 70% de las familias en el tramo del 40% del RSH');
  await expect(conditions).toContainText('hogares de 2 o más integrantes');
  await expect(conditions).toContainText('al menos 53 m², con ampliación proyectada de 10,48 m²');
  await expect(conditions).toContainText('hasta 10 familias');
});

const groupRut = (n: number) => formatRut(`${20_000_000 + n}-${computeCheckDigit(20_000_000 + n)}`);

/** `count` families of the 40% bracket with old savings; `extra` replaces the last lines. */
function familyList(count: number, extra: string[] = []): string {
  const lines = Array.from({ length: count - extra.length }, (_, i) => `${groupRut(i + 1)}\t40\tNo\t3\t10-05-2015`);
  return ['RUT\tTramo RSH\tDéficit alto\tIntegrantes\tApertura del ahorro', ...lines, ...extra].join('\n');
}

async function fillProject(page: Page, comuna: string) {
  await page.getByLabel('Comuna del proyecto').selectOption({ label: comuna });
  await page.getByLabel('Tipo de proyecto').selectOption({ label: 'Construcción en nuevos terrenos' });
  await page.getByLabel('Permiso de Edificación').selectOption({ label: 'Permiso de Edificación aprobado' });
  await page.getByLabel('Costo por vivienda (UF)').fill('2.100');
  await page.getByLabel('Aporte GORE por vivienda (UF)').fill('550');
  await page.getByLabel('Superficie construida de la vivienda (m²)').fill('53');
  await page.getByLabel('Ampliación proyectada (m²)').fill('10,48');
  await page.getByLabel('Superficie del terreno (hectáreas)').fill('0,5');
}

test('a Magallanes group checks its family list without JavaScript and sees each condition it misses, and why', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto('/simulador?ds49Comuna=12101');
  await page.getByRole('link', { name: 'Revise si su grupo cumple estas condiciones' }).click();
  await expect(page.getByRole('heading', { name: 'Revise su grupo antes de postular' })).toBeVisible();
  await fillProject(page, 'Punta Arenas');
  // 20 families on half a hectare: one household of 3 in a three-bedroom home, another that opened its savings a year ago.
  const recent = `${groupRut(20)}\t40\tNo\t3\t${new Date().getFullYear() - 1}-01-15`;
  const third = `${groupRut(19)}\t40\tNo\t3\t10-05-2015\t\t3\tSí`;
  const list = familyList(20, [third, recent]);
  await page.getByLabel('Nómina de familias, una por línea').fill(list);
  await page.getByRole('button', { name: 'Revisar el grupo' }).click();

  const outcome = page.getByTestId('ds49-group-outcome');
  await expect(outcome.getByRole('heading')).toHaveText('El grupo aún no cumple las condiciones');
  await expect(outcome).toContainText('Revisamos 20 familias');
  await expect(outcome.locator('[data-rule="ds49.third_bedroom"]')).toContainText('No cumple');
  await expect(outcome.locator('[data-rule="ds49.savings_seniority"]')).toContainText(groupRut(20));
  await expect(outcome.locator('[data-rule="ds49.density_max"]')).toContainText('Cumple');
  await expect(outcome.locator('[data-rule="ds49.rsh_40_min"]')).toContainText('100%');
  // Nothing typed is lost.
  await expect(page.getByLabel('Nómina de familias, una por línea')).toHaveValue(list);
  await expect(page.getByLabel('Superficie del terreno (hectáreas)')).toHaveValue('0,5');
  // The RUTs travel in the body of the request, never in the address.
  expect(page.url()).not.toContain(groupRut(1).slice(0, 5));
  await context.close();
});

test('the group check points at each wrong line before sending, and answers once the list is right', async ({ page }) => {
  await page.goto('/simulador/magallanes');
  await fillProject(page, 'Natales');
  await page.getByLabel('Nómina de familias, una por línea').fill(familyList(12, [`${groupRut(12).slice(0, -1)}X\t40\tNo\t3`]));
  let posted = false;
  page.on('request', (request) => {
    if (request.method() === 'POST') posted = true;
  });
  await page.getByRole('button', { name: 'Revisar el grupo' }).click();
  await expect(page.getByRole('alert', { name: 'Hay un problema' })).toContainText('Línea 13:');
  await expect(page.locator('#families-error')).toContainText('Línea 13:');
  expect(posted).toBe(false);

  await page.getByLabel('Nómina de familias, una por línea').fill(familyList(12));
  await page.getByRole('button', { name: 'Revisar el grupo' }).click();
  const outcome = page.getByTestId('ds49-group-outcome');
  await expect(outcome.getByRole('heading')).toHaveText('El grupo cumple las condiciones');
  await expect(outcome.locator('[data-rule="ds49.cost_max"]')).toContainText('2.415');
  // What was sent stays in the form, the choices included.
  await expect(page.getByLabel('Comuna del proyecto')).toHaveValue('12401');
  await expect(page.getByLabel('Permiso de Edificación')).toHaveValue('permiso_aprobado');
  await expect(page.getByLabel('Nómina de familias, una por línea')).toHaveValue(familyList(12));
  await expect(page.getByRole('alert', { name: 'Hay un problema' })).toHaveCount(0);
});
