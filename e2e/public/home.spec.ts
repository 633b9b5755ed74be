import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';

test('the Spanish home shows the programme, the bands and the schedule with today’s step', async ({ page }) => {
  await page.goto('/');
  await expect(page.locator('html')).toHaveAttribute('lang', 'es-CL');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Vivienda para Organizaciones de Trabajadores');
  await expect(page.getByRole('table', { name: /Tramos de precio/ })).toContainText('Hasta 1.200 UF');
  await expect(page.getByRole('table', { name: /Tramos de precio/ })).toContainText('1.100 UF');
  const current = page.locator('li[aria-current="step"]');
  await expect(current).toHaveCount(1);
  await expect(current).toContainText('Etapa actual');
});

test('the schedule follows the server clock, not the browser', async ({ page, request }) => {
  await request.post('/api/test/clock', { data: { at: '2022-12-20T15:00:00-03:00' } });
  try {
    await page.goto('/cronograma');
    const pilot = page.locator('section', { has: page.getByRole('heading', { name: /piloto/ }) });
    await expect(pilot.locator('li[aria-current="step"]')).toContainText('Subsanación de observaciones');
  } finally {
    await request.post('/api/test/clock', { data: { at: null } });
  }
});

test('home, sign-in, schedule and simulators have no detectable accessibility violations', async ({ page }) => {
  for (const path of ['/', '/ingresar', '/cronograma', '/simulador?comuna=Castro&incomeClp=700000&savingsUf=60', '/simulador/magallanes']) {
    await page.goto(path);
    await page.waitForLoadState('networkidle');
    const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    expect(results.violations.map((v) => `${path}: ${v.id}`)).toEqual([]);
  }
});
