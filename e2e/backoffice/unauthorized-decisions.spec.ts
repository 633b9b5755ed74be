import { expect as baseExpect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { DEMO_PASSWORD, demo } from '../fixtures/auth';

// Server actions on a busy development server can take well over the default 10 s.
const expect = baseExpect.configure({ timeout: 45_000 });

// Same guards as review-flow.spec.ts: a development server's reload messages are dropped, sign-in retried.
async function muteDevReloads(page: Page): Promise<void> {
  await page.routeWebSocket(/\/_next\/(hmr|webpack-hmr)/, (ws) => {
    const server = ws.connectToServer();
    server.onMessage((message) => {
      const text = String(message);
      if (text.includes('"reloadPage"') || text.includes('"type":"restart"')) return;
      ws.send(message);
    });
    ws.onMessage((message) => server.send(message));
  });
}

/**
 * Signs in like the shared fixture, with the patience a busy development server needs (password
 * hashing under load takes seconds), trying again if a reload swallowed the attempt.
 */
async function signInAs(page: Page, email: string): Promise<void> {
  await page.context().clearCookies();
  for (let attempt = 1; ; attempt++) {
    await page.goto('/ingresar');
    await page.getByLabel('Correo electrónico').fill(email);
    await page.getByLabel('Contraseña').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Ingresar', exact: true }).click();
    try {
      await page.waitForURL((url) => !url.pathname.startsWith('/ingresar'), { timeout: 60_000 });
      return;
    } catch (error) {
      if (attempt >= 3) throw error;
    }
  }
}

test.beforeEach(async ({ page }) => {
  await muteDevReloads(page);
});

/** The id of a seeded file, found through the RM reviewer's queue search (the queue pages by 25). */
async function idOf(page: Page, number: string, official: string = demo.reviewerRm): Promise<string> {
  await signInAs(page, official);
  await page.goto(`/gestion?q=${encodeURIComponent(number)}`);
  const href = await page.getByRole('link', { name: number, exact: true }).first().getAttribute('href');
  await page.context().clearCookies();
  expect(href).toMatch(/^\/gestion\/postulaciones\/[0-9a-f-]{36}$/);
  return href!.split('/').pop()!;
}

test('Antofagasta’s reviewer and director get 404 on the observations and decision pages of a Metropolitana file', async ({ page }) => {
  test.setTimeout(360_000);
  const id = await idOf(page, 'PVT-DEMO-0002');
  for (const official of [demo.reviewerAntofagasta, demo.directorAntofagasta]) {
    await page.context().clearCookies();
    await signInAs(page, official);
    for (const tab of ['observaciones', 'decision']) {
      const response = await page.goto(`/gestion/postulaciones/${id}/${tab}`);
      expect(response?.status(), `${official} → ${tab}`).toBe(404);
      await expect(page.getByRole('button', { name: /Tomar para revisión|Aprobar técnicamente|Rechazar postulación|Enviar ronda/ })).toHaveCount(0);
      await expect(page.getByText('PVT-DEMO-0002')).toHaveCount(0);
    }
    // Their income-check list never shows Metropolitana workers' files.
    await page.goto('/gestion/ingresos');
    await expect(page.getByRole('heading', { name: 'Revisión de ingresos con el SII' })).toBeVisible();
    await expect(page.getByText('PVT-DEMO-0002')).toHaveCount(0);
  }
});

test('a reviewer cannot approve technically: only the region’s director sees the approval', async ({ page, request }) => {
  test.setTimeout(360_000);
  const created = await request.post('/api/test/review-fixture');
  expect(created.ok()).toBe(true);
  const { id } = (await created.json()) as { id: string };
  await signInAs(page, demo.reviewerRm);
  await page.goto(`/gestion/postulaciones/${id}/decision`);
  await page.getByRole('button', { name: 'Tomar para revisión' }).click();
  await expect(page.getByText('En revisión', { exact: true }).first()).toBeVisible();
  await expect(page.getByTestId('aprobacion-solo-director')).toContainText('Solo el Director o la Directora SERVIU de la región puede aprobar técnicamente');
  await expect(page.getByRole('button', { name: 'Aprobar técnicamente' })).toHaveCount(0);
  await expect(page.getByLabel('Fundamento de la aprobación')).toHaveCount(0);
  // The reviewer may still reject (with a reason): the region's SERVIU decides that.
  await page.getByText('Quiero rechazar esta postulación').click();
  await expect(page.getByRole('button', { name: 'Rechazar postulación' })).toBeVisible();

  await page.context().clearCookies();
  await signInAs(page, demo.directorRm);
  await page.goto(`/gestion/postulaciones/${id}/decision`);
  await expect(page.getByRole('button', { name: 'Aprobar técnicamente' })).toBeVisible();
});

test('applicants cannot reach SERVIU’s observation, decision and income pages', async ({ page }) => {
  test.setTimeout(360_000);
  const id = await idOf(page, 'PVT-DEMO-0002');
  for (const applicant of [demo.orgRep, demo.employerRep, demo.worker]) {
    await page.context().clearCookies();
    await signInAs(page, applicant);
    for (const path of [`/gestion/postulaciones/${id}/observaciones`, `/gestion/postulaciones/${id}/decision`, '/gestion/ingresos']) {
      await page.goto(path);
      await expect(page, `${applicant} → ${path}`).toHaveURL(/\/sin-acceso$/);
    }
  }
  // Nor another organisation's observations on the applicant side (PVT-DEMO-0003 belongs to another union).
  const other = await idOf(page, 'PVT-DEMO-0003', demo.reviewerAntofagasta);
  await signInAs(page, demo.orgRep);
  const response = await page.goto(`/portal/postulaciones/${other}/observaciones`);
  expect(response?.status()).toBe(404);
  const replacements = await page.goto(`/portal/postulaciones/${other}/reemplazos`);
  expect(replacements?.status()).toBe(404);
});
