import { createHash, randomInt } from 'node:crypto';
import { expect as baseExpect, test } from '@playwright/test';
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { computeCheckDigit, formatRut } from '../../lib/domain/rut';
import { invitationPathFor, readLatestMailTo } from '../fixtures/mail';
import { fillSignUp, uniqueRut } from '../organization/helpers';

/**
 * The whole applicant journey on a NEW application: a union leader signs up and files, invites the
 * employer and the sponsor, the three fill their sections, the roster is imported from a file with
 * errors and fixed in the grid, every worker's incorporation recorded, the documents uploaded, both
 * representatives approve, the file is sent once, the receipt downloaded and checked on the public page. The server
 * refuses a send after the call's closing (moved with the test clock) and a second send.
 */

test.describe.configure({ mode: 'serial' });
// A development server compiles each page on its first visit: be patient.
test.use({ actionTimeout: 90_000, navigationTimeout: 180_000 });
const expect = baseExpect.configure({ timeout: 120_000 });

/**
 * On a development server every saved source file makes the open pages reload, which can wipe a form
 * mid-way. The test lets the dev server's hot-reload socket connect (the page needs it to
 * hydrate) but drops its reload and update messages. A production server has no such socket.
 */
async function withoutHotReload(context: BrowserContext): Promise<void> {
  await context.routeWebSocket(/\/_next\/(webpack-)?hmr/, (ws) => {
    const server = ws.connectToServer();
    ws.onMessage((message) => server.send(message));
    server.onMessage((message) => {
      if (/^\{"type":"(reloadPage|turbopack-message|serverComponentChanges)"/.test(String(message))) return;
      ws.send(message);
    });
  });
}

test.beforeEach(async ({ context }) => {
  await withoutHotReload(context);
});

const today = () => new Date().toLocaleDateString('en-CA', { timeZone: 'America/Santiago' });

function pdf(text: string): { name: string; mimeType: string; buffer: Buffer } {
  const body = `%PDF-1.4\n% ${text}\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n`;
  return { name: `${text.toLowerCase().replace(/[^a-z0-9]+/g, '-')}.pdf`, mimeType: 'application/pdf', buffer: Buffer.from(body, 'utf8') };
}

function sha256(buffer: Buffer): string {
  return createHash('sha256').update(buffer).digest('hex');
}

function freshRut(): { plain: string; shown: string } {
  const body = randomInt(30_000_000, 49_999_999);
  const plain = `${body}-${computeCheckDigit(body)}`;
  return { plain, shown: formatRut(plain) };
}

async function newContextPage(browser: Browser): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext();
  await withoutHotReload(context);
  return { context, page: await context.newPage() };
}

/** Accepts an invitation from its mailed link with a new account and a new company or entity. */
async function acceptInvitation(
  browser: Browser,
  path: string,
  person: { name: string; email: string },
  register: (page: Page) => Promise<void>,
): Promise<{ context: BrowserContext; page: Page }> {
  const { context, page } = await newContextPage(browser);
  await openReady(page, path);
  await page.getByRole('link', { name: 'Crear cuenta' }).click();
  await page.waitForLoadState('networkidle');
  await expect(page.getByLabel('Correo electrónico')).toHaveValue(person.email);
  await fillSignUp(page, { name: person.name, rut: uniqueRut(11_000_000) });
  await expect(page).toHaveURL(new RegExp(`${path}$`));
  // Retried: under load a first press may land before the page is interactive.
  await expect(async () => {
    if (/\/portal\/postulaciones\/[0-9a-f-]{36}$/.test(page.url())) return;
    await openReady(page, path);
    await register(page);
    await expect(page).toHaveURL(/\/portal\/postulaciones\/[0-9a-f-]{36}$/, { timeout: 90_000 });
  }).toPass({ timeout: 300_000 });
  return { context, page };
}

/** Opens a page and waits until its scripts have loaded, so a form is not used before it is interactive. */
async function openReady(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.waitForLoadState('networkidle');
}

/** A new union leader signs up, registers a new union and creates a new draft application in the open demo call. */
async function newLeaderApplication(page: Page, tag: string): Promise<{ applicationId: string; number: string }> {
  const password = 'Clave.Segura.Envio.2026';
  await openReady(page, '/registro');
  await page.getByLabel('Nombre completo').fill(`Rosa Dirigente ${tag}`);
  await page.getByLabel('RUT', { exact: true }).fill(uniqueRut(10_000_000));
  await page.getByLabel('Correo electrónico').fill(`dirigente.envio.${tag}@prueba.cl`);
  await page.getByLabel('Contraseña', { exact: true }).fill(password);
  await page.getByLabel('Repita la contraseña').fill(password);
  await page.getByRole('button', { name: 'Crear cuenta' }).click();
  await expect(page).toHaveURL(/\/portal\/organizacion/);
  await expect(async () => {
    await openReady(page, '/portal/organizacion');
    if ((await page.getByRole('heading', { level: 1 }).innerText()).includes(`Sindicato Envío ${tag}`)) return;
    await page.getByLabel('Nombre de la organización').fill(`Sindicato Envío ${tag}`);
    await page.getByLabel('RUT de la organización').fill(uniqueRut(60_000_000));
    await page.getByLabel('Sindicato', { exact: true }).check();
    await page.getByLabel('Número de registro').fill('RSU 13.01.4242');
    await page.getByLabel('Fecha en que se otorgó').fill('2018-05-14');
    await page.getByLabel('Autoridad que la otorgó').fill('Inspección Provincial del Trabajo de Santiago');
    await page.getByLabel('Región').selectOption('13');
    await page.getByLabel('Comuna').selectOption({ label: 'Puente Alto' });
    await page.getByRole('button', { name: 'Registrar organización' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Sindicato Envío ${tag}`, { timeout: 60_000 });
  }).toPass({ timeout: 300_000 });

  await expect(async () => {
    // A retry first looks for the application a slow first press may have created after all.
    await openReady(page, '/portal');
    const existing = page.getByRole('link', { name: `Condominio Envío ${tag}` });
    if ((await existing.count()) > 0) {
      await existing.first().click();
    } else {
      await openReady(page, '/portal/postulaciones/nueva');
      const demoCall = page.getByLabel(/Llamado de demostración Programa de Vivienda para Trabajadores/);
      if ((await demoCall.count()) > 0 && !(await demoCall.isChecked())) await demoCall.check();
      await page.getByLabel('Nombre del proyecto').fill(`Condominio Envío ${tag}`);
      await page.getByRole('button', { name: 'Crear postulación' }).click();
    }
    await expect(page).toHaveURL(/\/portal\/postulaciones\/[0-9a-f-]{36}$/, { timeout: 120_000 });
  }).toPass({ timeout: 400_000 });
  const number = ((await page.getByText(/PVT-DEMO-\d{4}/).first().innerText()).match(/PVT-DEMO-\d{4}/) ?? [''])[0];
  return { applicationId: page.url().split('/').pop()!, number };
}

async function saveSection(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Guardar sección' }).click();
  await expect(page.getByTestId('save-status')).toContainText('Cambios guardados');
}

async function upload(page: Page, slot: string, file: ReturnType<typeof pdf>, issuedOn?: string): Promise<void> {
  const form = page.getByTestId(`${slot}-upload`);
  await form.locator('input[type="file"]').setInputFiles(file);
  if (issuedOn) await form.locator('input[type="date"]').fill(issuedOn);
  await form.getByRole('button', { name: /Subir/ }).click();
  await expect(page.getByTestId(`${slot}-uploaded`)).toBeVisible();
}

test('a new application goes from sign-up to a verified receipt, sent exactly once', async ({ page, browser, request }) => {
  test.setTimeout(2_400_000);
  const tag = `${Date.now().toString(36)}${randomInt(100, 999)}`;
  const files = {
    certificado_dominio: pdf(`Certificado dominio ${tag}`),
    convenio_trabajo: pdf(`Convenio ${tag}`),
    carta_financiamiento: pdf(`Carta financiamiento ${tag}`),
    personalidad_juridica: pdf(`Personalidad juridica ${tag}`),
    proyecto_tecnico: pdf(`Proyecto tecnico ${tag}`),
  };
  // Names admit letters only: the run's tag spelled with letters keeps them unique.
  const family = tag.replace(/\d/g, (d) => 'abcdefghij'[Number(d)]!).replace(/^./, (c) => c.toUpperCase());
  const workers = [
    { rut: freshRut(), names: 'Ana', last: `Uno ${family}`, rsh: 40, savings: '55', deposited: '30', band: 1, email: `trabajadora.${tag}@prueba.cl` },
    ...['Dos', 'Tres', 'Cuatro', 'Cinco'].map((n) => ({ rut: freshRut(), names: 'Trabajador', last: `${n} ${family}`, rsh: 70, savings: '80', deposited: '40', band: 2, email: '' })),
  ];
  let applicationId = '';
  let employer: { context: BrowserContext; page: Page } | null = null;
  let sponsor: { context: BrowserContext; page: Page } | null = null;

  try {
    await test.step('1. a union leader signs up, registers the union and creates a new application', async () => {
      ({ applicationId } = await newLeaderApplication(page, tag));
    });
    const base = `/portal/postulaciones/${applicationId}`;

    await test.step('2. the leader invites the employer and the sponsor; both accept with new accounts', async () => {
      const employerEmail = `empleador.${tag}@prueba.cl`;
      const sponsorEmail = `patrocinante.${tag}@prueba.cl`;
      await openReady(page, `/portal/organizacion/postulaciones/${applicationId}`);
      const since = Date.now();
      await page.getByLabel('Representante del empleador').check();
      await page.getByLabel('Correo electrónico de la persona invitada').fill(employerEmail);
      await page.getByRole('button', { name: 'Enviar invitación' }).click();
      await expect(page.getByRole('status')).toContainText(employerEmail);
      await page.getByLabel('Entidad Patrocinante o entidad gestora').check();
      await page.getByLabel('Correo electrónico de la persona invitada').fill(sponsorEmail);
      await page.getByRole('button', { name: 'Enviar invitación' }).click();
      await expect(page.getByRole('status')).toContainText(sponsorEmail);

      employer = await acceptInvitation(browser, await invitationPathFor(employerEmail, since), { name: `Carla Empleadora ${tag}`, email: employerEmail }, async (p) => {
        await p.getByLabel('Razón social o nombre').fill(`Empresa Envío ${tag} S.A.`);
        await p.getByLabel('RUT del empleador').fill(uniqueRut(76_000_000));
        await p.getByLabel('Empresa privada').check();
        await p.getByRole('button', { name: 'Registrar y aceptar la invitación' }).click();
      });
      sponsor = await acceptInvitation(browser, await invitationPathFor(sponsorEmail, since), { name: `Pablo Patrocinante ${tag}`, email: sponsorEmail }, async (p) => {
        await p.getByLabel('Razón social').fill(`Entidad Patrocinante Envío ${tag} Ltda.`);
        await p.getByLabel('RUT de la entidad').fill(uniqueRut(77_000_000));
        await p.getByLabel('Entidad Patrocinante', { exact: true }).check();
        await p.getByLabel('N° de convenio o registro de la entidad').fill('EP-0099');
        await p.getByRole('button', { name: 'Registrar y aceptar la invitación' }).click();
      });
    });

    await test.step('3. the sponsor fills «Proyecto» (Puente Alto, 1 dwelling in band 1 and 4 in band 2) and «Carta Gantt»', async () => {
      const p = sponsor!.page;
      await openReady(p, `${base}/proyecto`);
      const comuna = p.getByRole('combobox', { name: 'Comuna del terreno' });
      await comuna.fill('Puente Alto');
      await p.getByRole('option', { name: 'Puente Alto' }).dispatchEvent('mousedown');
      await p.getByLabel('Tipo de proyecto').selectOption('construccion_nuevos_terrenos');
      await p.locator('#typologies-0-name').fill('Casa A');
      await p.locator('#typologies-0-areaM2').fill('55,4');
      await p.locator('#typologies-0-bedrooms').fill('3');
      // A new project starts with one line per band (tramo 1, 2 and 3); tramo 3 stays empty.
      await expect(p.locator('#dwellings-0-band')).toHaveValue('1');
      await p.locator('#dwellings-0-count').fill('1');
      await p.locator('#dwellings-0-priceUf').fill('1.200');
      await expect(p.locator('#dwellings-1-band')).toHaveValue('2');
      await p.locator('#dwellings-1-count').fill('4');
      await p.locator('#dwellings-1-priceUf').fill('1.600');
      await saveSection(p);

      // The Gantt chart is the sponsor's task too.
      await openReady(p, `${base}/carta-gantt`);
      await p.locator('#gantt-0-title').fill('Permiso de edificación');
      await p.locator('#gantt-0-startOn').fill('2027-01-10');
      await p.locator('#gantt-0-endOn').fill('2027-03-30');
      await saveSection(p);
    });

    await test.step('4. the leader imports a 5-worker roster with two errors, fixes them in the grid and accepts it', async () => {
      const header = 'RUT,Nombres,Apellidos,Socio del sindicato,Tramo RSH,Integrantes del hogar,Ingreso mensual del hogar,Ahorro UF,Ahorro depositado UF,Tramo de vivienda,Fecha de nacimiento,Correo';
      // As a real file comes: Ana's RSH bracket is too high for band 1, and a typo in the second RUT's check digit.
      const typo = (plain: string) => `${plain.slice(0, -1)}${plain.endsWith('1') ? '2' : '1'}`;
      const rows = workers.map((w, i) =>
        [i === 1 ? typo(w.rut.plain) : w.rut.plain, w.names, w.last, 'Sí', i === 0 ? 70 : w.rsh, 3, 850000, w.savings, w.deposited, w.band, '', w.email].join(','),
      );
      await openReady(page, `${base}/nomina/importar`);
      await page.getByLabel('Planilla de la nómina').setInputFiles({ name: 'nomina.csv', mimeType: 'text/csv', buffer: Buffer.from([header, ...rows].join('\n'), 'utf8') });
      await page.getByRole('button', { name: 'Subir y revisar' }).click();
      const grid = page.getByTestId('import-grid');
      await expect(page.getByRole('heading', { name: 'Hay 2 filas con errores' })).toBeVisible();
      await expect(grid.getByText('El tramo 1 exige RSH hasta el 50%; el trabajador está en el tramo 70%.')).toBeVisible();
      await expect(grid.getByText(/no es válido: el dígito verificador debería ser/)).toBeVisible();
      await expect(page.getByText('3 filas están correctas y quedan guardadas')).toBeVisible();
      await page.getByLabel('Tramo RSH, fila 2').fill(String(workers[0]!.rsh));
      await page.getByLabel('RUT, fila 3').fill(workers[1]!.rut.plain);
      await page.getByLabel('RUT, fila 3').press('Enter');
      await expect(page.getByText('Todas las filas son válidas.').first()).toBeVisible();
      await expect(page.getByTestId('import-diff')).toContainText('5 se agregan');
      await page.getByRole('button', { name: 'Aceptar y reemplazar la nómina' }).click();
      await expect(page.getByTestId('roster-table').locator('tbody tr')).toHaveCount(5);
      await expect(page.getByTestId('roster-table').getByRole('row', { name: new RegExp(`Ana Uno ${family}`) })).toContainText(workers[0]!.rut.shown);
    });

    await test.step('5. every worker’s signed incorporation form is recorded', async () => {
      for (const w of workers) {
        // Retried once: under load the dev server may drop an upload while it recompiles.
        await expect(async () => {
          await openReady(page, `${base}/nomina`);
          const row = page.getByTestId('roster-table').getByRole('row', { name: new RegExp(`${w.names} ${w.last}`) });
          if ((await row.innerText()).includes('Formulario firmado subido')) return;
          await row.getByRole('link', { name: `${w.names} ${w.last}` }).click();
          await page.waitForLoadState('networkidle');
          await page.getByLabel('Formulario firmado', { exact: true }).setInputFiles(pdf(`Formulario ${w.names} ${w.last}`));
          await page.getByRole('button', { name: 'Subir formulario firmado' }).click();
          await expect(page.getByRole('status').filter({ hasText: 'Se guardó el formulario firmado' })).toBeVisible({ timeout: 90_000 });
        }).toPass({ timeout: 300_000 });
      }
      await openReady(page, `${base}/nomina`);
      await expect(page.getByTestId('roster-summary')).toContainText('5 de 5 confirmaron su incorporación');
    });

    await test.step('6. the employer fills «Convenio de Trabajo» and «Terreno»', async () => {
      const p = employer!.page;
      await openReady(p, `${base}/convenio`);
      await p.getByRole('radio', { name: 'Sí' }).check();
      await p.getByLabel('Terreno que se cede y condiciones de la cesión').fill('Lote 4 del predio de la empresa, 5.000 m², escritura al seleccionarse el proyecto.');
      await p.getByLabel('Socios del sindicato o asociación').fill('5');
      await p.getByLabel('Trabajadores que no son socios').fill('0');
      await p.getByLabel('Nombre o razón social').fill(`Constructora Envío ${tag} SpA`);
      await p.getByLabel('RUT de la constructora').fill(uniqueRut(78_000_000));
      await p.getByLabel('N° de inscripción en el Registro Nacional de Contratistas').fill('RNC-4242');
      await p.getByLabel(/Mecanismo de Post Venta y Calidad de la Construcción/).check();
      await p.getByLabel('Apoyo técnico que aporta el empleador').fill('Oficina técnica de la empresa: topografía y mecánica de suelos.');
      await saveSection(p);

      await openReady(p, `${base}/terreno`);
      await p.getByLabel('El terreno es del empleador').check();
      await p.getByLabel('Dirección o ubicación del terreno').fill('Camino Los Aromos 123, Puente Alto');
      await p.locator('#dominio-conservador').fill('Puente Alto');
      await p.locator('#dominio-fojas').fill('123');
      await p.locator('#dominio-numero').fill('456');
      await p.locator('#dominio-anio').fill('2020');
      // The certificate's issue date is entered once, with the uploaded certificate (step 7).
      await expect(p.getByTestId('title-certificate')).toContainText('Se toma del certificado que el empleador sube en Documentos');
      await saveSection(p);
    });

    await test.step('6b. the leader fills «Comité de Proyecto», with a worker of the roster for the group', async () => {
      await openReady(page, `${base}/comite`);
      const committee = [
        { name: `Carla Empleadora ${tag}`, rut: freshRut().shown, side: 'empleador' },
        { name: `Rosa Dirigente ${tag}`, rut: freshRut().shown, side: 'organizacion' },
        { name: `${workers[0]!.names} ${workers[0]!.last}`, rut: workers[0]!.rut.shown, side: 'grupo' },
      ];
      for (const [i, m] of committee.entries()) {
        await page.locator(`#committee-${i}-name`).fill(m.name);
        await page.locator(`#committee-${i}-rut`).fill(m.rut);
        await page.locator(`#committee-${i}-side`).selectOption(m.side);
      }
      await saveSection(page);
    });

    await test.step('7. each party uploads its documents', async () => {
      const e = employer!.page;
      await openReady(e, `${base}/documentos`);
      await upload(e, 'certificado_dominio', files.certificado_dominio, today());
      await upload(e, 'convenio_trabajo', files.convenio_trabajo);
      await upload(e, 'carta_financiamiento', files.carta_financiamiento);
      await openReady(page, `${base}/documentos`);
      await upload(page, 'personalidad_juridica', files.personalidad_juridica);
      const s = sponsor!.page;
      await openReady(s, `${base}/documentos`);
      await upload(s, 'proyecto_tecnico', files.proyecto_tecnico);
    });

    await test.step('8. «Revisar y enviar» shows the whole file and only the two approvals missing', async () => {
      await openReady(page, `${base}/enviar`);
      await expect(page.getByRole('heading', { name: 'Revisar y enviar' })).toBeVisible();
      await expect(page.getByTestId('resultado-requisitos')).toContainText('cumple todos los requisitos');
      const blockers = page.getByTestId('bloqueos');
      await expect(blockers.locator('li')).toHaveCount(2);
      await expect(blockers).toContainText('Falta la aprobación del representante de la organización de trabajadores.');
      await expect(page.getByTestId('resumen-nomina')).toContainText('5 de 5 confirmados');
      await expect(page.getByTestId('resumen-documentos')).toContainText(files.convenio_trabajo.name);
      await expect(page.getByTestId('resumen-documentos')).toContainText(sha256(files.convenio_trabajo.buffer).slice(0, 8));
      await expect(page.getByRole('link', { name: 'Cambiar el terreno' })).toHaveAttribute('href', `${base}/terreno`);
    });

    await test.step('9. both representatives approve the current version', async () => {
      await page.getByRole('button', { name: /Aprobar el envío como representante de la organización/ }).click();
      await expect(page.locator('[data-party="organizacion"]')).toContainText('Aprobado');
      const e = employer!.page;
      await openReady(e, `${base}/enviar`);
      await e.getByRole('button', { name: /Aprobar el envío como representante del empleador/ }).click();
      await expect(e.locator('[data-party="empleador"]')).toContainText('Aprobado');
      await expect(e.getByTestId('bloqueos')).toHaveCount(0);
    });

    await test.step('10. after the call closes (server clock) the server refuses to send', async () => {
      const e = employer!.page;
      await openReady(e, `${base}/enviar`);
      await expect(e.getByRole('button', { name: 'Aceptar y enviar la postulación' })).toBeVisible();
      try {
        const later = new Date(Date.now() + 60 * 24 * 60 * 60 * 1000).toISOString();
        expect((await request.post('/api/test/clock', { data: { at: later } })).ok()).toBe(true);
        await e.getByRole('button', { name: 'Aceptar y enviar la postulación' }).click();
        await expect(e.getByRole('alert', { name: 'La postulación no se envió' })).toContainText('El llamado cerró el');
        await expect(e.getByRole('alert', { name: 'La postulación no se envió' })).toContainText('ya no se pueden enviar postulaciones');
      } finally {
        await request.post('/api/test/clock', { data: { at: null } });
      }
    });

    let employerSecondTab: Page | null = null;
    await test.step('11. the leader sends it (a double click files it once) and sees the confirmation', async () => {
      employerSecondTab = await employer!.context.newPage();
      await openReady(employerSecondTab, `${base}/enviar`);
      await expect(employerSecondTab.getByRole('button', { name: 'Aceptar y enviar la postulación' })).toBeVisible();
      await openReady(page, `${base}/enviar`);
      await page.getByRole('button', { name: 'Aceptar y enviar la postulación' }).dblclick();
      await expect(page).toHaveURL(new RegExp(`${base}/estado\\?enviada=1$`));
      await expect(page.getByTestId('confirmacion-envio')).toContainText('Postulación enviada');
      await expect(page.getByTestId('fecha-envio')).toContainText('(hora de Chile)');
      await expect(page.getByText('Borrador → Enviada')).toHaveCount(1);
    });

    await test.step('12. a second send from the employer’s open tab is refused', async () => {
      const tab = employerSecondTab!;
      await tab.getByRole('button', { name: 'Aceptar y enviar la postulación' }).click();
      // The refusal names the first sending; the refresh that follows shows the sent file without a send button.
      await expect(tab.getByText(/Esta postulación (ya )?fue enviada el .+ \(hora de Chile\)\./).first()).toBeVisible();
      await expect(tab.getByRole('button', { name: 'Aceptar y enviar la postulación' })).toHaveCount(0);
    });

    let receipt = Buffer.alloc(0);
    await test.step('13. the receipt downloads as comprobante-<número>.pdf, the same bytes every time', async () => {
      const number = (await page.locator('dd').first().innerText()).trim();
      const download = page.waitForEvent('download');
      await page.getByRole('link', { name: 'Descargar el comprobante (PDF)' }).click();
      expect((await download).suggestedFilename()).toBe(`comprobante-${number}.pdf`);
      const first = await page.request.get(`/api/postulaciones/${applicationId}/comprobante`);
      const second = await employer!.page.request.get(`/api/postulaciones/${applicationId}/comprobante`);
      expect(first.headers()['content-type']).toBe('application/pdf');
      receipt = Buffer.from(await first.body());
      expect(receipt.subarray(0, 5).toString()).toBe('%PDF-');
      expect(receipt.equals(Buffer.from(await second.body()))).toBe(true);
      // Signed out: the same answer as a missing receipt.
      expect((await request.get(`/api/postulaciones/${applicationId}/comprobante`)).status()).toBe(404);
    });

    await test.step('14. the public page behind the QR code confirms the receipt and checks files by their hash', async () => {
      const mail = await readLatestMailTo(workers[0]!.email, { timeoutMs: 30_000 });
      const link = mail.links.find((l) => /\/verificar\//.test(l));
      expect(link).toBeDefined();
      const { context, page: visitor } = await newContextPage(browser);
      try {
        const url = new URL(link!);
        await openReady(visitor, `${url.pathname}${url.search}`);
        await expect(visitor.getByTestId('comprobante-valido')).toContainText('fue enviada el');
        await expect(visitor.locator('main')).toContainText(sha256(files.convenio_trabajo.buffer));
        await expect(visitor.locator('main')).not.toContainText(workers[0]!.last);
        await expect(visitor.locator('main')).not.toContainText(workers[0]!.rut.shown);
        await visitor.getByLabel('Elija o arrastre aquí el archivo que quiere comprobar').setInputFiles(files.certificado_dominio);
        await expect(visitor.getByTestId('resultado-archivo')).toContainText('Coincide con un documento presentado');
        await visitor.getByLabel('Elija o arrastre aquí el archivo que quiere comprobar').setInputFiles(pdf(`Otro ${tag}`));
        await expect(visitor.getByTestId('resultado-archivo')).toContainText('No coincide');
        await visitor.getByLabel('O pegue la huella SHA-256').fill(sha256(files.proyecto_tecnico.buffer));
        await visitor.getByRole('button', { name: 'Comprobar la huella' }).click();
        await expect(visitor.getByTestId('resultado-huella')).toContainText('Proyecto, planos y especificaciones técnicas');
        // A wrong code reads exactly like a missing number.
        await openReady(visitor, `${url.pathname}?c=000000000000`);
        await expect(visitor.getByTestId('comprobante-no-encontrado')).toContainText('No encontramos un comprobante con esos datos');
      } finally {
        await context.close();
      }
    });
  } finally {
    await request.post('/api/test/clock', { data: { at: null } });
    await (employer as { context: BrowserContext } | null)?.context.close();
    await (sponsor as { context: BrowserContext } | null)?.context.close();
  }
});
