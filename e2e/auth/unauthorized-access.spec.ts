import { expect, test } from '@playwright/test';
import { applicationIds, demo, signIn } from '../fixtures/auth';

let ids: Record<string, string> = {};
test.beforeAll(async ({ browser }) => {
  const page = await browser.newPage();
  ids = await applicationIds(page);
  await page.close();
  expect(Object.keys(ids)).toEqual(expect.arrayContaining(['PVT-DEMO-0001', 'PVT-DEMO-0002', 'PVT-DEMO-0003']));
});

test('an anonymous visitor sent to a protected page goes to sign-in', async ({ page }) => {
  for (const path of ['/portal', '/gestion', `/gestion/postulaciones/${ids['PVT-DEMO-0002']}`, `/portal/postulaciones/${ids['PVT-DEMO-0001']}`]) {
    await page.goto(path);
    await expect(page).toHaveURL(/\/ingresar\?callbackUrl=/);
  }
});

test('a forged session cookie is not a session', async ({ page, context }) => {
  await context.addCookies([{ name: 'next-auth.session-token', value: 'falso', url: test.info().project.use.baseURL! }]);
  await page.goto('/gestion');
  await expect(page).toHaveURL(/\/ingresar/);
});

test('the test endpoints answer 404 to anyone without the test secret, signed in or not', async ({ playwright, browser }) => {
  const baseURL = test.info().project.use.baseURL!;
  for (const headers of [{}, { 'x-portal-test-key': 'una-clave-equivocada-de-prueba' }] as Record<string, string>[]) {
    const api = await playwright.request.newContext({ baseURL, extraHTTPHeaders: headers });
    for (const path of ['/api/test/clock', '/api/test/review-fixture', '/api/test/followup-fixture', '/api/test/seed-selection'])
      expect((await api.post(path, { data: { at: '2030-01-01T00:00:00Z' } })).status(), path).toBe(404);
    await api.dispose();
  }
  const context = await browser.newContext({ extraHTTPHeaders: {} });
  const page = await context.newPage();
  await signIn(page, demo.minvu);
  const answer = await context.request.post('/api/test/clock', { data: { at: '2030-01-01T00:00:00Z' }, headers: { 'x-portal-test-key': '' } });
  expect(answer.status()).toBe(404);
  await context.close();
});

const applicantSide = [demo.worker, demo.orgRep, demo.employerRep, demo.sponsor];
const officialSide = [demo.reviewerRm, demo.directorRm, demo.minvu, demo.gore];

for (const email of applicantSide) {
  test(`${email} cannot open the back office`, async ({ page }) => {
    await signIn(page, email);
    await page.goto('/gestion');
    await expect(page).toHaveURL(/\/sin-acceso/);
    await page.goto(`/gestion/postulaciones/${ids['PVT-DEMO-0002']}`);
    await expect(page).toHaveURL(/\/sin-acceso/);
  });
}

for (const email of officialSide) {
  test(`${email} cannot open the applicants' portal`, async ({ page }) => {
    await signIn(page, email);
    await page.goto('/portal');
    await expect(page).toHaveURL(/\/sin-acceso/);
  });
}

const foreignRecords: { email: string; side: 'portal' | 'gestion'; own: string; foreign: string }[] = [
  { email: demo.orgRep, side: 'portal', own: 'PVT-DEMO-0001', foreign: 'PVT-DEMO-0003' },
  { email: demo.employerRep, side: 'portal', own: 'PVT-DEMO-0002', foreign: 'PVT-DEMO-0003' },
  { email: demo.sponsor, side: 'portal', own: 'PVT-DEMO-0001', foreign: 'PVT-DEMO-0003' },
  { email: demo.builder, side: 'portal', own: 'PVT-DEMO-0001', foreign: 'PVT-DEMO-0002' },
  { email: demo.worker, side: 'portal', own: 'PVT-DEMO-0001', foreign: 'PVT-DEMO-0002' },
  { email: demo.reviewerRm, side: 'gestion', own: 'PVT-DEMO-0002', foreign: 'PVT-DEMO-0003' },
  { email: demo.reviewerAntofagasta, side: 'gestion', own: 'PVT-DEMO-0003', foreign: 'PVT-DEMO-0002' },
  { email: demo.directorRm, side: 'gestion', own: 'PVT-DEMO-0002', foreign: 'PVT-DEMO-0003' },
  { email: demo.directorAntofagasta, side: 'gestion', own: 'PVT-DEMO-0003', foreign: 'PVT-DEMO-0002' },
  { email: demo.gore, side: 'gestion', own: '', foreign: 'PVT-DEMO-0002' },
  // National staff read every region's sent files, never a group's draft.
  { email: demo.minvu, side: 'gestion', own: 'PVT-DEMO-0003', foreign: 'PVT-DEMO-0001' },
];

for (const { email, side, own, foreign } of foreignRecords) {
  test(`${email} opens their own record but not another scope's by id`, async ({ page }) => {
    await signIn(page, email);
    if (own) {
      await page.goto(`/${side}/postulaciones/${ids[own]}`);
      await expect(page.getByText(own).first()).toBeVisible();
    }
    const response = await page.goto(`/${side}/postulaciones/${ids[foreign]}`);
    expect(response?.status()).toBe(404);
    await expect(page.getByText(foreign)).toHaveCount(0);
  });
}

test('a reviewer cannot see a draft of their own region', async ({ page }) => {
  await signIn(page, demo.reviewerRm);
  const response = await page.goto(`/gestion/postulaciones/${ids['PVT-DEMO-0001']}`);
  expect(response?.status()).toBe(404);
});
