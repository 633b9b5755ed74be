import { test } from '@playwright/test';
import { demo } from '../fixtures/auth';
import { expect, muteDevReloads, newApplication, newLeaderWithOrganization, signInAs, uniqueTag } from './helpers';

test.describe.configure({ mode: 'serial' });

let own: { id: string; number: string };
const project = `Proyecto que otros no ven ${uniqueTag()}`;

test.beforeEach(async ({ context }) => muteDevReloads(context));

test.beforeAll(async ({ browser }) => {
  test.setTimeout(240_000);
  const context = await browser.newContext();
  await muteDevReloads(context);
  const page = await context.newPage();
  await newLeaderWithOrganization(page, uniqueTag());
  own = await newApplication(page, project);
  await context.close();
});

test("another organisation's leader gets 404 for this organisation's invitations and application", async ({ page }) => {
  test.setTimeout(180_000);
  await signInAs(page, demo.orgRep);
  for (const path of [`/portal/organizacion/postulaciones/${own.id}`, `/portal/postulaciones/${own.id}`]) {
    const response = await page.goto(path);
    expect(response?.status()).toBe(404);
    await expect(page.getByText(own.number)).toHaveCount(0);
    await expect(page.getByText(project)).toHaveCount(0);
  }
  await page.goto('/portal/organizacion');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sindicato de Trabajadores Demo Uno');
  await expect(page.getByText(own.number)).toHaveCount(0);
});

test("a new leader cannot manage the demo union's application either", async ({ page }) => {
  test.setTimeout(240_000);
  await signInAs(page, demo.orgRep);
  const link = page.getByRole('link', { name: 'PVT-DEMO-0001' });
  const demoId = (await link.getAttribute('href'))!.split('/').pop()!;
  await page.context().clearCookies();
  await newLeaderWithOrganization(page, uniqueTag());
  for (const path of [`/portal/organizacion/postulaciones/${demoId}`, `/portal/postulaciones/${demoId}`]) {
    const response = await page.goto(path);
    expect(response?.status()).toBe(404);
  }
});

for (const email of [demo.employerRep, demo.sponsor, demo.worker]) {
  test(`${email} cannot open organisation management or create applications`, async ({ page }) => {
    test.setTimeout(180_000);
    await signInAs(page, email);
    for (const path of ['/portal/organizacion', `/portal/organizacion/postulaciones/${own.id}`, '/portal/postulaciones/nueva']) {
      await page.goto(path);
      await expect(page).toHaveURL(/\/sin-acceso/);
    }
  });
}

test('an anonymous visitor is sent to sign in', async ({ page }) => {
  test.setTimeout(120_000);
  for (const path of ['/portal/organizacion', `/portal/organizacion/postulaciones/${own.id}`, '/portal/postulaciones/nueva']) {
    await page.goto(path);
    await expect(page).toHaveURL(/\/ingresar\?callbackUrl=/);
  }
});
