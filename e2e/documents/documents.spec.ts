import { expect, test } from '@playwright/test';
import type { Browser, BrowserContext, Locator, Page } from '@playwright/test';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { DEMO_PASSWORD, demo } from '../fixtures/auth';
import { newLeaderWithOrganization, uniqueTag } from '../organization/helpers';

// Uploading new versions to PVT-DEMO-0001 is harmless to other tests: versions only accumulate.
const SLOT = 'carta_financiamiento';

// A real 1×1 PNG: honest bytes under a dishonest name.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

async function makePdf(text: string): Promise<Buffer> {
  const doc = await PDFDocument.create();
  doc.addPage([595, 842]).drawText(text, { font: await doc.embedFont(StandardFonts.Helvetica), x: 50, y: 780, size: 14 });
  return Buffer.from(await doc.save());
}

/**
 * A development server tells every open page to reload whenever a source file is saved; a test's
 * page must stay put. Hot-update messages pass (the page needs them to load), full reloads do not.
 */
async function quiet(context: BrowserContext): Promise<void> {
  await context.routeWebSocket(/_next\/.*hmr/, (ws) => {
    const server = ws.connectToServer();
    ws.onMessage((message) => server.send(message));
    server.onMessage((message) => {
      const text = typeof message === 'string' ? message : '';
      if (text.includes('"reloadPage"') || text.includes('"type":"restart"')) return;
      ws.send(message);
    });
  });
}

async function newQuietContext(browser: Browser, options: Parameters<Browser['newContext']>[0] = {}): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL: test.info().project.use.baseURL, locale: 'es-CL', ...options });
  await quiet(context);
  return context;
}

/** The shared fixture's sign-in, with room for a busy server (password hashing under load). */
async function signIn(page: Page, email: string): Promise<void> {
  await page.goto('/ingresar');
  await page.getByLabel('Correo electrónico').fill(email);
  await page.getByLabel('Contraseña').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Ingresar', exact: true }).click();
  await expect(page).not.toHaveURL(/\/ingresar/, { timeout: 60_000 });
}

async function demoApplicationId(page: Page, number: string): Promise<string> {
  await page.goto('/portal');
  const link = page.locator('a[href^="/portal/postulaciones/"]').filter({ hasText: number }).first();
  const href = await link.getAttribute('href');
  return href!.split('/')[3]!;
}

async function openDocuments(page: Page, applicationId: string, options: { scripts?: boolean } = {}): Promise<Locator> {
  await page.goto(`/portal/postulaciones/${applicationId}/documentos`);
  await expect(page.getByRole('heading', { level: 2, name: 'Documentos' })).toBeVisible();
  const card = page.getByTestId(`slot-${SLOT}`);
  // Wait for the form's scripts, so the browser-side checks are in place before anything is sent.
  if (options.scripts !== false) await expect(card.getByTestId(`${SLOT}-upload`)).toHaveAttribute('data-enhanced', 'true', { timeout: 30_000 });
  return card;
}

async function currentVersion(card: Locator): Promise<number> {
  const version = card.getByTestId(`${SLOT}-version`);
  return (await version.count()) > 0 ? Number(await version.first().innerText()) : 0;
}

async function uploadPdf(card: Locator, name: string, buffer: Buffer): Promise<void> {
  await card.getByLabel('Archivo', { exact: true }).setInputFiles({ name, mimeType: 'application/pdf', buffer });
  await card.getByRole('button', { name: /^Subir (archivo|nueva versión)$/ }).click();
}

let applicationId = '';

test.describe.configure({ timeout: 240_000 });

test.beforeEach(async ({ context }) => {
  await quiet(context);
});

test.beforeAll(async ({ browser }) => {
  test.setTimeout(180_000);
  const context = await newQuietContext(browser);
  const page = await context.newPage();
  await signIn(page, demo.employerRep);
  applicationId = await demoApplicationId(page, 'PVT-DEMO-0001');
  await context.close();
});

test('the employer uploads a PDF twice, both versions stay, and only the application’s people can open it', async ({ page, browser }) => {
  await signIn(page, demo.employerRep);
  const card = await openDocuments(page, applicationId);
  const before = await currentVersion(card);

  await uploadPdf(card, 'carta-financiamiento.pdf', await makePdf('Carta de financiamiento'));
  await expect(card.getByTestId(`${SLOT}-uploaded`)).toContainText(`como versión ${before + 1} de «Carta firmada`, { timeout: 60_000 });
  await expect(card.getByTestId(`${SLOT}-version`).first()).toHaveText(String(before + 1));
  await expect(card.getByTestId(`${SLOT}-file-name`).first()).toHaveText('carta-financiamiento.pdf');
  await expect(card.getByTestId(`${SLOT}-state`)).toHaveText('Listo');

  await uploadPdf(card, 'carta financiamiento firmada (2).pdf', await makePdf('Carta de financiamiento, segunda versión'));
  await expect(card.getByTestId(`${SLOT}-uploaded`)).toContainText(`como versión ${before + 2} de`, { timeout: 60_000 });
  await expect(card.getByTestId(`${SLOT}-version`).first()).toHaveText(String(before + 2));
  const history = card.getByTestId(`${SLOT}-history`);
  await expect(history.locator(':scope > summary')).toHaveText(`Versiones anteriores (${before + 1})`);
  await history.locator(':scope > summary').click();
  await expect(history.getByTestId(`${SLOT}-v${before + 1}-file-name`)).toHaveText('carta-financiamiento.pdf');

  // The full hash is there to compare with the receipt.
  await card.getByText('Ver huella completa').first().click();
  await expect(card.getByTestId(`${SLOT}-sha256`).first()).toHaveText(/^[0-9a-f]{64}$/);

  const href = (await card.getByTestId(`${SLOT}-view`).getAttribute('href'))!;
  expect(href).toMatch(/^\/api\/documentos\/[0-9a-f-]{36}$/);
  const own = await page.request.get(href);
  expect(own.status()).toBe(200);
  expect(own.headers()['content-type']).toBe('application/pdf');
  expect(own.headers()['x-content-type-options']).toBe('nosniff');
  expect(own.headers()['cache-control']).toBe('private, no-store');
  // The review page shows PDFs in a frame of its own: the portal may frame them, no other site may.
  expect(own.headers()['x-frame-options']).toBe('SAMEORIGIN');
  expect(own.headers()['content-security-policy']).toBe("frame-ancestors 'self'");
  expect((await page.request.get('/')).headers()['x-frame-options']).toBe('DENY');
  expect(own.headers()['content-disposition']).toBe(
    `inline; filename="carta financiamiento firmada (2).pdf"; filename*=UTF-8''carta%20financiamiento%20firmada%20%282%29.pdf`,
  );
  expect((await own.body()).subarray(0, 5).toString()).toBe('%PDF-');

  // Nobody outside the application learns anything: the same bare 404 as for a missing file.
  const anonymous = await newQuietContext(browser);
  const anonymousAnswer = await anonymous.request.get(href);
  expect(anonymousAnswer.status()).toBe(404);
  expect(await anonymousAnswer.text()).toBe('No encontrado.');
  await anonymous.close();

  for (const email of [demo.reviewerAntofagasta, demo.reviewerRm]) {
    // Officials never see a draft, whatever the region.
    const context = await newQuietContext(browser);
    const other = await context.newPage();
    await signIn(other, email);
    const answer = await other.request.get(href);
    expect(answer.status(), email).toBe(404);
    expect(await answer.text()).toBe('No encontrado.');
    await context.close();
  }

  const stranger = await newQuietContext(browser);
  const leader = await stranger.newPage();
  await newLeaderWithOrganization(leader, `doc${uniqueTag()}`);
  const strangerAnswer = await leader.request.get(href);
  expect(strangerAnswer.status()).toBe(404);
  expect(await strangerAnswer.text()).toBe('No encontrado.');
  const page404 = await leader.goto(`/portal/postulaciones/${applicationId}/documentos`);
  expect(page404?.status()).toBe(404);
  // In Spanish, and the same words as for a page that does not exist.
  await expect(leader.getByRole('heading', { level: 1 })).toHaveText('No encontramos esta página');
  await stranger.close();
});

test('a file whose content is not what its name says is refused next to the field', async ({ page }) => {
  await signIn(page, demo.employerRep);
  const card = await openDocuments(page, applicationId);
  const before = await currentVersion(card);
  await card.getByLabel('Archivo', { exact: true }).setInputFiles({ name: 'carta-escaneada.pdf', mimeType: 'application/pdf', buffer: PNG });
  await card.getByRole('button', { name: /^Subir (archivo|nueva versión)$/ }).click();
  const error = card.locator(`#${SLOT}-file-error`);
  await expect(error).toContainText(
    'El archivo «carta-escaneada.pdf» no es un PDF: su contenido corresponde a una imagen PNG. Cambie el nombre del archivo o suba el documento correcto.',
    { timeout: 60_000 },
  );
  await expect(card.getByLabel('Archivo', { exact: true })).toHaveAttribute('aria-describedby', new RegExp(`${SLOT}-file-error`));
  await expect(card.getByRole('alert')).toContainText('No se pudo subir');
  expect(await currentVersion(card)).toBe(before);
});

test('too big a file is stopped in the browser before it is sent', async ({ page }) => {
  await signIn(page, demo.employerRep);
  const card = await openDocuments(page, applicationId);
  const big = Buffer.alloc(10 * 1024 * 1024 + 1, 0x20);
  await card.getByLabel('Archivo', { exact: true }).setInputFiles({ name: 'planos.pdf', mimeType: 'application/pdf', buffer: big });
  let posted = false;
  page.on('request', (request) => {
    if (request.method() === 'POST') posted = true;
  });
  await card.getByRole('button', { name: /^Subir (archivo|nueva versión)$/ }).click();
  await expect(card.locator(`#${SLOT}-file-error`)).toContainText('El archivo «planos.pdf» pesa 10 MB y supera el máximo permitido de 10 MB.');
  expect(posted).toBe(false);
});

test('the upload works without JavaScript', async ({ browser }) => {
  const context = await newQuietContext(browser, { javaScriptEnabled: false });
  const page = await context.newPage();
  await signIn(page, demo.employerRep);
  const card = await openDocuments(page, applicationId, { scripts: false });
  const before = await currentVersion(card);
  await uploadPdf(card, 'carta-sin-javascript.pdf', await makePdf('Subida sin JavaScript'));
  const after = page.getByTestId(`slot-${SLOT}`);
  await expect(after.getByTestId(`${SLOT}-uploaded`)).toContainText(`como versión ${before + 1} de`, { timeout: 60_000 });
  await expect(after.getByTestId(`${SLOT}-version`).first()).toHaveText(String(before + 1));
  await expect(after.getByTestId(`${SLOT}-file-name`).first()).toHaveText('carta-sin-javascript.pdf');
  await context.close();
});

test('parties that do not own a slot read it without an upload form', async ({ page }) => {
  await signIn(page, demo.sponsor);
  await page.goto(`/portal/postulaciones/${applicationId}/documentos`);
  const card = page.getByTestId(`slot-${SLOT}`);
  await expect(card).toContainText('Este documento lo sube el empleador; usted puede verlo, pero no subir versiones.');
  await expect(card.getByRole('button', { name: /^Subir/ })).toHaveCount(0);
  await expect(page.getByTestId('slot-proyecto_tecnico').getByRole('button', { name: /^Subir/ })).toHaveCount(1);
});
