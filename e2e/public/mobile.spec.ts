import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { demo, signIn } from '../fixtures/auth';

// Runs in the «telefono» project (a Pixel 7 screen): a union leader or a worker on a phone must read and
// use every page without sideways scrolling, and tap targets must be big enough for a thumb.

async function expectFitsTheScreen(page: Page, path: string): Promise<void> {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, `${path} se desborda ${overflow}px hacia el lado`).toBeLessThanOrEqual(0);
}

async function expectThumbSizedControls(page: Page, path: string): Promise<void> {
  const small = await page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('main button, main input:not([type=hidden]), main select')]
      .filter((el) => el.offsetParent !== null)
      .map((el) => ({ name: el.getAttribute('name') ?? el.textContent?.trim() ?? el.tagName, height: el.getBoundingClientRect().height }))
      .filter((c) => c.height < 24),
  );
  expect(small, `${path}: controles demasiado pequeños para tocar`).toEqual([]);
}

test('the public pages fit a phone screen and their controls can be tapped', async ({ page }) => {
  for (const path of ['/', '/cronograma', '/simulador', '/simulador?comuna=Castro&incomeClp=900000&savingsUf=70&priceUf=1500', '/simulador/magallanes', '/ingresar']) {
    await page.goto(path);
    await expectFitsTheScreen(page, path);
    await expectThumbSizedControls(page, path);
  }
});

test('the simulator result reads on a phone', async ({ page }) => {
  await page.goto('/simulador?comuna=Castro&incomeClp=900000&savingsUf=70&priceUf=1500');
  await expect(page.getByRole('heading', { name: 'Resultado para Castro' })).toBeVisible();
  await expect(page.getByText('zona norte', { exact: false })).toBeVisible();
  await expect(page.getByRole('heading', { name: /Una vivienda de 1\.500 UF \(tramo 2\)/ })).toBeVisible();
});

test('a union leader and a worker can use their portal on a phone', async ({ page }) => {
  for (const email of [demo.orgRep, demo.worker]) {
    await signIn(page, email);
    await page.goto('/portal');
    await expectFitsTheScreen(page, `/portal (${email})`);
    const first = page.locator('a[href^="/portal/postulaciones/"]').first();
    await first.click();
    await page.waitForLoadState('networkidle');
    await expectFitsTheScreen(page, page.url());
    await page.context().clearCookies();
  }
});
