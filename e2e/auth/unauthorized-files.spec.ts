import { expect, test } from '@playwright/test';
import type { APIRequestContext } from '@playwright/test';
import { demo, signIn } from '../fixtures/auth';
import { newLeaderWithOrganization, uniqueTag } from '../organization/helpers';

/**
 * The application's files over HTTP — the roster export, its template and the receipt — answer 404 to
 * a user of another organisation, exactly as to a missing id, while the owners download them.
 */
let fixture: { id: string; number: string };
const MISSING = '00000000-0000-4000-8000-000000000000';

const files = (id: string) => [
  `/api/postulaciones/${id}/nomina/exportar?formato=csv`,
  `/api/postulaciones/${id}/nomina/plantilla?formato=csv`,
  `/api/postulaciones/${id}/comprobante`,
];

test.beforeAll(async ({ request }) => {
  // A submitted file of the demo union (like PVT-DEMO-0002), with its receipt.
  const created = await request.post('/api/test/review-fixture?comprobante=1');
  expect(created.ok()).toBe(true);
  fixture = await created.json();
});

async function expectNotFound(request: APIRequestContext, url: string, leaked: readonly string[]): Promise<string> {
  const response = await request.get(url);
  expect(response.status(), url).toBe(404);
  expect(response.headers()['content-type']).toMatch(/^text\/plain/);
  const body = await response.text();
  for (const secret of leaked) expect(body, url).not.toContain(secret);
  return body;
}

test('the owners download the roster, the template and the receipt', async ({ page }) => {
  await signIn(page, demo.orgRep);
  const [exported, template, receipt] = await Promise.all(files(fixture.id).map((url) => page.request.get(url)));
  expect(exported!.status()).toBe(200);
  expect(await exported!.text()).toContain('RUT;Nombres;Apellidos');
  expect(template!.status()).toBe(200);
  expect(receipt!.status()).toBe(200);
  expect(receipt!.headers()['content-type']).toBe('application/pdf');
  expect((await receipt!.body()).subarray(0, 5).toString()).toBe('%PDF-');
});

test('a leader of another organisation gets 404 for each, the same answer as for a missing id', async ({ page }) => {
  test.setTimeout(180_000);
  await newLeaderWithOrganization(page, uniqueTag());
  const leaked = [fixture.number, 'Villa Los Castaños', 'Sindicato de Trabajadores Demo Uno'];
  for (const [i, url] of files(fixture.id).entries()) {
    const foreign = await expectNotFound(page.request, url, leaked);
    const missing = await expectNotFound(page.request, files(MISSING)[i]!, leaked);
    expect(foreign).toBe(missing);
  }
});

test('the builder of another project, a worker of another roster and an anonymous visitor get 404 too', async ({ page, playwright, baseURL }) => {
  const leaked = [fixture.number, 'Villa Los Castaños'];
  // Constructora Demo builds PVT-DEMO-0001, not this file.
  await signIn(page, demo.builder);
  for (const url of files(fixture.id)) await expectNotFound(page.request, url, leaked);
  await page.context().clearCookies();
  // The demo worker is in PVT-DEMO-0001's roster, not in this one.
  await signIn(page, demo.worker);
  for (const url of files(fixture.id)) await expectNotFound(page.request, url, leaked);
  const anonymous = await playwright.request.newContext({ baseURL });
  try {
    for (const url of files(fixture.id)) await expectNotFound(anonymous, url, leaked);
  } finally {
    await anonymous.dispose();
  }
});
