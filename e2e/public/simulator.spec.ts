import { expect, test } from '@playwright/test';

test('the simulator answers without JavaScript, with the seed’s figures', async ({ browser }) => {
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
  // Seed 003 rounds each peso figure from the unrounded payment: 97.743 − 14.661 shows as 83.081.
  await expect(chosen).toContainText('$83.081');
  await expect(chosen).toContainText('$390.970');
  await expect(page.getByTestId('rule-25')).toContainText('cumple la regla del 25%');
  await expect(page.getByRole('heading', { name: /Tramo 2/ })).toContainText('Puede postular');
  await context.close();
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
