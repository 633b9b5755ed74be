import { expect, test } from '@playwright/test';
import type { Locator, Page } from '@playwright/test';
import { demo, signIn } from '../fixtures/auth';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { muteDevReloads } from '../fixtures/dev-server';

// One selected project of the demo union walked from the builder hired to the third instalment: the
// committee reports, SERVIU verifies on site, and each instalment of the bridge loan unlocks only after
// the verification its rule names, in order.

test.setTimeout(180_000);
test.beforeEach(({ page }) => muteDevReloads(page));

/** Today in Chile, as the date inputs take it. The server refuses dates after its own today. */
function todayInChile(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Santiago' }).format(new Date());
}

async function contractPdf(): Promise<Buffer> {
  const doc = await PDFDocument.create();
  doc.addPage([595, 842]).drawText('Contrato de construccion', { font: await doc.embedFont(StandardFonts.Helvetica), x: 50, y: 780, size: 14 });
  return Buffer.from(await doc.save());
}

async function asUser(page: Page, email: string, path: string): Promise<void> {
  await page.context().clearCookies();
  await signIn(page, email);
  await page.goto(path);
  await page.waitForLoadState('networkidle');
}

async function report(page: Page, kind: string, extra: (form: Locator) => Promise<void> = async () => {}): Promise<void> {
  const form = page.getByRole('form', { name: 'Informar al SERVIU' });
  await form.getByLabel('Qué informa').selectOption({ label: kind });
  await form.getByLabel('Fecha').fill(todayInChile());
  await extra(form);
  await form.getByRole('button', { name: 'Enviar informe' }).click();
  await expect(form.getByRole('status')).toContainText('Informe enviado');
}

function reportRow(page: Page, title: string | RegExp): Locator {
  return page.getByRole('table', { name: 'Informes y verificación en terreno del SERVIU' }).getByRole('row').filter({ hasText: title });
}

function instalmentRow(page: Page, number: number): Locator {
  return page
    .getByRole('table', { name: 'Cuotas del préstamo' })
    .getByRole('row')
    .filter({ has: page.getByRole('cell', { name: String(number), exact: true }) });
}

/** SERVIU confirms a report on site; a progress report with the figure SERVIU measured. */
async function verify(page: Page, title: string | RegExp, verifiedPercent?: string): Promise<void> {
  const row = reportRow(page, title);
  await row.getByLabel('Resultado de la verificación').selectOption({ label: 'Verificado en terreno' });
  if (verifiedPercent !== undefined) await row.getByLabel('Avance verificado en terreno (%)').fill(verifiedPercent);
  await row.getByRole('button', { name: 'Registrar verificación' }).click();
  await expect(row).toContainText('Verificado el');
  if (verifiedPercent !== undefined) await expect(row).toContainText(`Avance verificado: ${verifiedPercent}%`);
}

async function observe(page: Page, title: string | RegExp, finding: string): Promise<void> {
  const row = reportRow(page, title);
  await row.getByLabel('Resultado de la verificación').selectOption({ label: 'Observado' });
  await row.getByRole('button', { name: 'Registrar verificación' }).click();
  // The finding is required, next to its field; what was chosen stays.
  await expect(row.getByText('Describa lo que observó en terreno').first()).toBeVisible();
  await row.getByLabel('Observación').fill(finding);
  await row.getByRole('button', { name: 'Registrar verificación' }).click();
  await expect(row).toContainText('Observado el');
  await expect(row).toContainText(finding);
}

function timelineRow(page: Page, label: string | RegExp): Locator {
  return page.getByRole('table', { name: 'Cronograma del proyecto' }).getByRole('row').filter({ hasText: label });
}

async function pay(page: Page, number: number): Promise<void> {
  const row = instalmentRow(page, number);
  await row.getByRole('button', { name: `Registrar pago de la cuota ${number}` }).click();
  await expect(row).toContainText('Pagada');
}

async function expectLocked(page: Page, number: number, why: string | RegExp): Promise<void> {
  const row = instalmentRow(page, number);
  await expect(row).toContainText(why);
  await expect(row.getByRole('button')).toHaveCount(0);
}

test('the committee reports, SERVIU verifies on site, and the bridge loan instalments unlock in order and never early', async ({ page, request }) => {
  const response = await request.post('/api/test/followup-fixture');
  expect(response.ok()).toBe(true);
  const { id, number } = (await response.json()) as { id: string; number: string };
  const portal = `/portal/postulaciones/${id}/seguimiento`;
  const backOffice = `/gestion/seguimiento/${id}`;

  await test.step('the leader finds the follow-up from the application and sees the CBR deadline', async () => {
    await asUser(page, demo.orgRep, `/portal/postulaciones/${id}`);
    await page.getByRole('navigation', { name: 'Secciones de la postulación' }).getByRole('link', { name: 'Seguimiento' }).click();
    await expect(page).toHaveURL(new RegExp(`${portal}$`));
    const schedule = page.getByRole('table', { name: 'Cronograma del proyecto' });
    await expect(schedule).toContainText('Inscripción de la escritura en el Conservador de Bienes Raíces');
    await expect(schedule).toContainText('90 días desde la publicación de la selección');
    await expect(page.getByText('Aún no se registra el préstamo de enlace.')).toBeVisible();
    // The Convenio's Gantt chart: the permit is past its planned day and not reported, so it is overdue.
    await expect(timelineRow(page, 'Permiso de edificación aprobado')).toContainText('Vencido');
    await expect(timelineRow(page, 'Obra gruesa terminada')).toContainText('Pendiente');
  });

  await test.step('the committee reports the Gantt milestone done late: planned vs actual, its delay, no longer overdue', async () => {
    const form = page.getByRole('form', { name: 'Informar un hito de la carta Gantt' });
    const milestone = form.getByLabel('Hito', { exact: true });
    // Listed in planned order after the placeholder: the permit comes first.
    await milestone.selectOption({ index: 1 });
    await expect(milestone.locator('option:checked')).toHaveText(/^Permiso de edificación aprobado \(programado \d\d-\d\d-\d{4}\)$/);
    await form.getByLabel('Fecha real de cumplimiento').fill(`${Number(todayInChile().slice(0, 4)) + 1}-01-01`);
    await form.getByRole('button', { name: 'Informar hito cumplido' }).click();
    await expect(form.getByLabel('Fecha real de cumplimiento')).toHaveAccessibleDescription(/Indique la fecha en que ocurrió, hoy o antes\./);
    await form.getByLabel('Fecha real de cumplimiento').fill(todayInChile());
    await form.getByRole('button', { name: 'Informar hito cumplido' }).click();
    await expect(form.getByRole('status')).toContainText('Hito informado');
    const row = timelineRow(page, 'Permiso de edificación aprobado');
    await expect(row).toContainText('Informado, por verificar');
    await expect(row).toContainText(/\d+ días de atraso/);
    await expect(row).toContainText(todayInChile().split('-').reverse().join('-'));
    await expect(page.getByText(/^Vencido: .*Permiso de edificación aprobado/)).toHaveCount(0);
  });

  await test.step('SERVIU verifies the Gantt milestone on its own timeline', async () => {
    await asUser(page, demo.reviewerRm, backOffice);
    await expect(timelineRow(page, 'Permiso de edificación aprobado')).toContainText('Informado, por verificar');
    await expect(reportRow(page, 'Permiso de edificación aprobado')).toContainText('Hito de la carta Gantt');
    await verify(page, 'Permiso de edificación aprobado');
    const row = timelineRow(page, 'Permiso de edificación aprobado');
    await expect(row).toContainText('Cumplido');
    await expect(row).toContainText(/\d+ días de atraso/);
  });

  await test.step('SERVIU cannot register the loan before the construction contract', async () => {
    await asUser(page, demo.reviewerRm, `/gestion/postulaciones/${id}`);
    await page.getByRole('navigation', { name: 'Revisión de la postulación' }).getByRole('link', { name: 'Seguimiento' }).click();
    await expect(page).toHaveURL(new RegExp(`${backOffice}$`));
    await expect(page.getByText(number).first()).toBeVisible();
    const form = page.getByRole('form', { name: 'Registrar préstamo de enlace' });
    await form.getByLabel('Monto del préstamo (UF)').fill('1000');
    await form.getByLabel('Plazo (meses)').fill('24');
    await form.getByLabel('Garantía de la constructora').selectOption({ label: 'Boleta de garantía bancaria' });
    await form.getByLabel('Monto de la garantía (UF)').fill('1000');
    await form.getByLabel('Vencimiento de la garantía').fill(`${Number(todayInChile().slice(0, 4)) + 2}-06-30`);
    await form.getByRole('button', { name: 'Registrar préstamo' }).click();
    await expect(form.getByRole('alert')).toContainText('contrato de construcción');
    // Nothing typed is lost.
    await expect(form.getByLabel('Monto del préstamo (UF)')).toHaveValue('1000');
  });

  await test.step('the committee reports the builder hired, with its registry number, and uploads the contract', async () => {
    await asUser(page, demo.orgRep, portal);
    // The number must be the one the project's builder registered in the portal.
    const form = page.getByRole('form', { name: 'Informar al SERVIU' });
    await form.getByLabel('Qué informa').selectOption({ label: 'Constructora contratada' });
    await form.getByLabel('Fecha').fill(todayInChile());
    await form.getByLabel('N° de registro de la constructora').fill('A1-2345');
    await form.getByRole('button', { name: 'Enviar informe' }).click();
    await expect(page.locator('#informe-form-registryNumber-error')).toContainText('No coincide con el N° RNC-5678 de Constructora Demo SpA; revise el número.');
    await report(page, 'Constructora contratada', async (f) => {
      await f.getByLabel('N° de registro de la constructora').fill('RNC 5678');
    });
    await expect(reportRow(page, 'Constructora Demo SpA (Registro Nacional de Contratistas N° RNC 5678)')).toContainText('Pendiente de verificación');
    const slot = page.getByTestId('slot-contrato_construccion');
    // The contract slot takes PDF only, judged by the content, not the name.
    await slot.getByLabel('Archivo', { exact: true }).setInputFiles({ name: 'contrato.pdf', mimeType: 'application/pdf', buffer: Buffer.from('no es un PDF') });
    await slot.getByRole('button', { name: /^Subir (archivo|nueva versión)$/ }).click();
    await expect(slot.getByText(/no es un PDF|no corresponde|formato/i).first()).toBeVisible();
    await slot.getByLabel('Archivo', { exact: true }).setInputFiles({ name: 'contrato.pdf', mimeType: 'application/pdf', buffer: await contractPdf() });
    await slot.getByRole('button', { name: /^Subir (archivo|nueva versión)$/ }).click();
    await expect(slot.getByRole('link', { name: /Ver archivo/ })).toBeVisible();
  });

  await test.step('SERVIU registers the loan: above the dwellings’ subsidy it is refused, then 20/40/40, all locked', async () => {
    await asUser(page, demo.reviewerRm, backOffice);
    const form = page.getByRole('form', { name: 'Registrar préstamo de enlace' });
    await form.getByLabel('Monto del préstamo (UF)').fill('9999999');
    await form.getByLabel('Plazo (meses)').fill('40');
    await form.getByLabel('Garantía de la constructora').selectOption({ label: 'Boleta de garantía bancaria' });
    await form.getByLabel('Monto de la garantía (UF)').fill('1000');
    await form.getByLabel('Vencimiento de la garantía').fill(`${Number(todayInChile().slice(0, 4)) + 2}-06-30`);
    await form.getByRole('button', { name: 'Registrar préstamo' }).click();
    await expect(form.getByText(/no puede exceder el monto de subsidio de las viviendas/).first()).toBeVisible();
    await expect(form.getByText(/plazo máximo de 36 meses/).first()).toBeVisible();
    // The guarantee must cover the whole loan: its error sits next to its own field.
    await expect(form.getByLabel('Monto de la garantía (UF)')).toHaveAccessibleDescription(/no puede ser menor que el del préstamo/);

    await form.getByLabel('Monto del préstamo (UF)').fill('1000');
    await form.getByLabel('Plazo (meses)').fill('24');
    await form.getByLabel('Monto de la garantía (UF)').fill('999,99');
    await form.getByRole('button', { name: 'Registrar préstamo' }).click();
    await expect(form.getByLabel('Monto de la garantía (UF)')).toHaveAccessibleDescription(
      /su monto \(999,99 UF\) no puede ser menor que el del préstamo \(1\.000 UF\)/,
    );
    await form.getByLabel('Monto de la garantía (UF)').fill('1000');
    await form.getByRole('button', { name: 'Registrar préstamo' }).click();
    await expect(page.getByRole('table', { name: 'Cuotas del préstamo' })).toBeVisible();
    await expect(instalmentRow(page, 1)).toContainText('200 UF');
    await expect(instalmentRow(page, 2)).toContainText('400 UF');
    await expect(instalmentRow(page, 3)).toContainText('400 UF');
    await expectLocked(page, 1, 'exige el inicio de obras verificado en terreno');
    await expectLocked(page, 2, 'antes de la cuota 2 debe pagarse la cuota 1');
    await expectLocked(page, 3, 'antes de la cuota 3 debe pagarse la cuota 1');
  });

  await test.step('a reported but unverified start of works unlocks nothing', async () => {
    await asUser(page, demo.orgRep, portal);
    await report(page, 'Inicio de obras');
    await asUser(page, demo.reviewerRm, backOffice);
    await expect(reportRow(page, /^Inicio de obras/)).toBeVisible();
    await expectLocked(page, 1, 'exige el inicio de obras verificado en terreno');
  });

  await test.step('SERVIU verifies the start of works: the 1st instalment unlocks, the 2nd stays locked', async () => {
    await verify(page, /^Inicio de obras/);
    await expect(instalmentRow(page, 1).getByRole('button', { name: 'Registrar pago de la cuota 1' })).toBeVisible();
    await expectLocked(page, 2, 'antes de la cuota 2 debe pagarse la cuota 1');
    await pay(page, 1);
    await expectLocked(page, 2, /exige avance de obras de más de 25% .*no hay avance verificado/);
    await expectLocked(page, 3, 'antes de la cuota 3 debe pagarse la cuota 2');
  });

  await test.step('the figure SERVIU measures counts, not the reported one: 40% reported, 24% verified unlocks nothing', async () => {
    await asUser(page, demo.orgRep, portal);
    await report(page, 'Avance de obras', async (form) => {
      await form.getByLabel('Avance de obras (%)').fill('40');
    });
    await asUser(page, demo.reviewerRm, backOffice);
    await verify(page, 'Avance de obras: 40%', '24');
    await expectLocked(page, 2, /exige avance de obras de más de 25% .*el avance verificado es 24%/);
  });

  await test.step('exactly 25% is not «more than 25%»; 30% verified unlocks the 2nd', async () => {
    await asUser(page, demo.orgRep, portal);
    await report(page, 'Avance de obras', async (form) => {
      await form.getByLabel('Avance de obras (%)').fill('25');
    });
    await asUser(page, demo.reviewerRm, backOffice);
    await verify(page, 'Avance de obras: 25%', '25');
    await expectLocked(page, 2, /el avance verificado es 25%/);

    await asUser(page, demo.orgRep, portal);
    await report(page, 'Avance de obras', async (form) => {
      await form.getByLabel('Avance de obras (%)').fill('30');
    });
    await asUser(page, demo.reviewerRm, backOffice);
    await expectLocked(page, 2, /el avance verificado es 25%/);
    await verify(page, 'Avance de obras: 30%', '30');
    await pay(page, 2);
    await expectLocked(page, 3, /exige avance de obras de más de 60% .*el avance verificado es 30%/);
  });

  await test.step('an observed report unlocks nothing and the committee reads the finding', async () => {
    await asUser(page, demo.orgRep, portal);
    await report(page, 'Avance de obras', async (form) => {
      await form.getByLabel('Avance de obras (%)').fill('62');
    });
    await asUser(page, demo.reviewerRm, backOffice);
    await observe(page, 'Avance de obras: 62%', 'La losa del segundo piso aún no se hormigona.');
    await expectLocked(page, 3, /el avance verificado es 30%/);
    await asUser(page, demo.orgRep, portal);
    await expect(reportRow(page, 'Avance de obras: 62%')).toContainText('La losa del segundo piso aún no se hormigona.');
  });

  await test.step('65% verified unlocks the 3rd; the committee sees every payment', async () => {
    await report(page, 'Avance de obras', async (form) => {
      await form.getByLabel('Avance de obras (%)').fill('65');
    });
    await asUser(page, demo.reviewerRm, backOffice);
    await verify(page, 'Avance de obras: 65%', '65');
    await pay(page, 3);

    await asUser(page, demo.orgRep, portal);
    for (const n of [1, 2, 3]) await expect(instalmentRow(page, n)).toContainText('Pagada');
    await expect(page.getByRole('button', { name: /Registrar pago/ })).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Registrar verificación' })).toHaveCount(0);
  });

  await test.step('a reviewer of another region cannot open the follow-up by id', async () => {
    await page.context().clearCookies();
    await signIn(page, demo.reviewerAntofagasta);
    const denied = await page.goto(backOffice);
    expect(denied?.status()).toBe(404);
  });
});
