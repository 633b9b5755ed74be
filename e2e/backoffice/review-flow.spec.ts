import { expect as baseExpect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { DEMO_PASSWORD, demo } from '../fixtures/auth';
import { muteDevReloads } from '../fixtures/dev-server';
import { mailDir, mailsSince } from '../fixtures/mail';

// Server actions on a busy development server can take well over the default 10 s.
const expect = baseExpect.configure({ timeout: 45_000 });


function checkDigit(body: number): string {
  let sum = 0;
  let factor = 2;
  for (const digit of String(body).split('').reverse()) {
    sum += Number(digit) * factor;
    factor = factor === 7 ? 2 : factor + 1;
  }
  const dv = 11 - (sum % 11);
  return dv === 11 ? '0' : dv === 10 ? 'K' : String(dv);
}

/** A RUT unlikely to be in the shared demo call. */
function freshRut(): string {
  const body = 40_000_000 + Math.floor(Math.random() * 9_000_000);
  return `${body}-${checkDigit(body)}`;
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

async function switchUser(page: Page, email: string): Promise<void> {
  await page.context().clearCookies();
  await signInAs(page, email);
}

/** Waits for a mail about this application whose subject matches, sent since the test started. */
async function expectMail(number: string, since: number, subject: RegExp): Promise<void> {
  await expect
    .poll(async () => (await mailsSince(since)).filter((mail) => mail.subject.includes(number) && subject.test(mail.subject)).length, {
      timeout: 30_000,
      message: `mail ${subject} for ${number} in ${mailDir()}`,
    })
    .toBeGreaterThan(0);
}

test.beforeEach(async ({ page }) => {
  await muteDevReloads(page);
});

test('SERVIU reviews, observes, accepts the correction and approves; the applicant corrects a field and a worker, answers and replaces a worker', async ({ page, request }) => {
  test.setTimeout(480_000);
  const started = Date.now();
  // A fresh submitted file like PVT-DEMO-0002 (same union, employer and sponsor; RM), so the shared demo files stay as they are.
  const created = await request.post('/api/test/review-fixture');
  expect(created.ok(), 'the server must run with PORTAL_TEST_CLOCK (test endpoints)').toBe(true);
  const { id, number } = (await created.json()) as { id: string; number: string };
  const review = `/gestion/postulaciones/${id}`;
  const portal = `/portal/postulaciones/${id}`;
  const status = (label: string) => page.getByText(label, { exact: true }).first();

  // 1. The RM reviewer takes the file into review.
  await signInAs(page, demo.reviewerRm);
  await page.goto(`${review}/decision`);
  await page.getByRole('button', { name: 'Tomar para revisión' }).click();
  await expect(status('En revisión')).toBeVisible();
  await expectMail(number, started, /en revisión/i);

  // 2. Observations: one blocking, pinned to a worker of the roster, citing its rule; one warning on a field.
  await page.goto(`${review}/observaciones`);
  const form = page.getByRole('form', { name: 'Nueva observación' });
  await form.getByLabel('Un trabajador de la nómina').check();
  const worker = form.getByLabel('Trabajador o trabajadora');
  const observedWorker = (await worker.locator('option').nth(1).innerText()).trim();
  await worker.selectOption({ index: 1 });
  await form.getByLabel('Bloqueante').check();
  await form.getByLabel('Fundamento (norma o regla)').fill('Programa de Vivienda para Organizaciones de Trabajadores, «Características de los proyectos y su financiamiento»');
  await form.getByLabel('Código de la regla (opcional)').fill('worker.savings_deposited');
  await form.getByLabel('Observación', { exact: true }).fill('Acredite con la cartola de la cuenta de ahorro el monto depositado a la fecha del llamado.');
  await form.getByRole('button', { name: 'Agregar al borrador' }).click();
  await expect(page.getByText('Observación agregada al borrador de la ronda.')).toBeVisible();
  await expect(page.getByTestId('borrador').getByTestId('observacion')).toHaveCount(1);

  // A warning on a second worker's data, which the union corrects in the roster.
  await form.getByLabel('Un trabajador de la nómina').check();
  const correctedWorker = (await worker.locator('option').nth(2).innerText()).trim();
  await worker.selectOption({ index: 2 });
  await form.getByLabel('Advertencia').check();
  await form.getByLabel('Fundamento (norma o regla)').fill('Registro Social de Hogares');
  await form.getByLabel('Código de la regla (opcional)').fill('');
  await form.getByLabel('Observación', { exact: true }).fill('Corrija el número de integrantes del hogar según la cartola del Registro Social de Hogares.');
  await form.getByRole('button', { name: 'Agregar al borrador' }).click();
  await expect(page.getByTestId('borrador').getByTestId('observacion')).toHaveCount(2);

  await form.getByLabel('Un campo de una sección').check();
  await form.getByLabel('Sección', { exact: true }).selectOption('terreno');
  await form.getByLabel('Campo observado').fill('Fojas de la inscripción de dominio');
  await form.getByLabel('Advertencia').check();
  await form.getByLabel('Fundamento (norma o regla)').fill('Requisitos de postulación');
  await form.getByLabel('Observación', { exact: true }).fill('Indique la inscripción de dominio del terreno (fojas, número y año).');
  await form.getByRole('button', { name: 'Agregar al borrador' }).click();
  await expect(page.getByTestId('borrador').getByTestId('observacion')).toHaveCount(3);

  // 3. One round with a deadline in administrative working days.
  await page.getByLabel('Días hábiles administrativos desde hoy').check();
  // The longest allowed term: other tests running against the same server may move its clock meanwhile.
  await page.getByLabel('Número de días hábiles').fill('60');
  await page.getByRole('button', { name: 'Enviar ronda de observaciones' }).click();
  await expect(page.getByTestId('ronda-actual')).toBeVisible();
  await expect(status('Observada')).toBeVisible();
  await expectMail(number, started, /^Observaciones a la postulación/);

  // 4. The employer corrects the observed field: the land section opens again until the deadline.
  await switchUser(page, demo.employerRep);
  await page.goto(`${portal}/observaciones`);
  const onLand = page.locator('[data-testid="observacion"]').filter({ hasText: 'Fojas de la inscripción de dominio' });
  await onLand.getByRole('link', { name: 'Corregir en la sección «Terreno»' }).click();
  await expect(page).toHaveURL(new RegExp(`${portal}/terreno$`));
  const landNotice = page.getByTestId('correccion-seccion');
  await expect(landNotice).toContainText('Puede corregir esta sección hasta el');
  await expect(landNotice.getByTestId('observaciones-seccion')).toContainText('Terreno › Fojas de la inscripción de dominio');
  await page.waitForLoadState('networkidle');
  await expect(page.getByRole('button', { name: 'Guardar sección' })).toBeEnabled();
  await page.getByLabel('El terreno es del empleador').check();
  await page.getByLabel('Dirección o ubicación del terreno').fill('Av. Los Castaños 1200, La Florida');
  await page.locator('#dominio-conservador').fill('Santiago');
  await page.locator('#dominio-fojas').fill('1234');
  await page.locator('#dominio-numero').fill('567');
  await page.locator('#dominio-anio').fill('2019');
  await page.getByRole('button', { name: 'Guardar sección' }).click();
  await expect(page.getByTestId('save-status')).toContainText('Cambios guardados');

  // 5. The union's leader sees «Con observaciones», corrects a worker's data, answers and proposes a replacement.
  await switchUser(page, demo.orgRep);
  await page.goto(portal);
  const banner = page.getByTestId('banner-observaciones');
  await expect(banner).toContainText('Con observaciones');
  await expect(banner).toContainText('1 bloqueante');
  await banner.getByRole('link', { name: 'Ver y responder las observaciones' }).click();
  await expect(page).toHaveURL(new RegExp(`${portal}/observaciones$`));
  await expect(page.getByTestId('subsanacion-bloqueada')).toContainText('Falta responder 1 observación(es) bloqueante(s)');

  // The task list says which sections SERVIU observed and that they can be corrected; the roster shows the observed workers.
  await page.goto(portal);
  await expect(page.getByTestId('ventana-correccion')).toContainText('Corrección de observaciones (ronda 1)');
  await expect(page.getByTestId('corregir-nomina')).toContainText(correctedWorker);
  await page.getByRole('link', { name: 'Nómina de postulantes' }).first().click();
  await expect(page).toHaveURL(new RegExp(`${portal}/nomina$`));
  await expect(page.getByTestId('correccion-seccion').getByTestId('observaciones-seccion').locator('li')).toHaveCount(2);
  await expect(page.getByTestId('nomina-solo-datos')).toContainText('solo con reemplazos');
  await expect(page.getByRole('link', { name: 'Agregar trabajador' })).toHaveCount(0);
  const correctedName = correctedWorker.replace(/\s*\(RUT.*$/, '');
  await page.getByRole('link', { name: correctedName }).first().click();
  await expect(page.locator('#worker-rut')).toHaveAttribute('readonly', '');
  await expect(page.getByRole('heading', { name: 'Quitar de la nómina' })).toHaveCount(0);
  await expect(page.getByLabel('Integrantes del hogar')).toHaveValue('3');
  await page.getByLabel('Integrantes del hogar').fill('4');
  // One more member: the household's ages, declared for the score, must name them all.
  await page.getByLabel('Edad de cada integrante del hogar').fill('31; 9; 4; 1');
  await page.getByRole('button', { name: 'Guardar cambios' }).click();
  await expect(page.getByText(`Se guardaron los cambios de ${correctedName}.`)).toBeVisible();

  await page.goto(`${portal}/observaciones`);
  const blocking = page.locator('[data-testid="observacion"][data-severity="bloqueante"]');
  await blocking.getByLabel('Su respuesta').fill('El trabajador renunció a la empresa; proponemos un reemplazante que cumple el tramo.');
  await blocking.getByRole('button', { name: 'Guardar respuesta' }).click();
  await expect(blocking.getByText('Respuesta guardada.', { exact: false })).toBeVisible();

  await expect(blocking).toHaveAttribute('data-status', 'respondida');
  await expect(page.getByRole('link', { name: 'Proponer un reemplazante' })).toHaveAttribute('href', `${portal}/reemplazos`);
  await page.goto(`${portal}/reemplazos`);
  await expect(page.getByTestId('reemplazos-usados')).toHaveText('0 de 1');
  const observedName = observedWorker.replace(/\s*\(RUT.*$/, '');
  await page.getByRole('link', { name: `Reemplazar a ${observedName}` }).click();
  const replacementRut = freshRut();
  await page.getByLabel('RUT').fill(replacementRut);
  await page.getByLabel('Nombres').fill('Catalina');
  await page.getByLabel('Apellidos').fill('Reemplazo Fuentes');
  await page.getByLabel('Tramo del Registro Social de Hogares').selectOption('40');
  await page.getByLabel('Integrantes del hogar').fill('3');
  await page.getByLabel('Ingreso líquido mensual del hogar, en pesos').fill('750.000');
  await page.getByLabel('Ahorro total para la vivienda, en UF').fill('130');
  await page.getByLabel('Ahorro ya depositado, en UF').fill('70');
  await page.getByRole('button', { name: 'Proponer reemplazo' }).click();
  await expect(page.getByTestId('aviso-reemplazo')).toBeVisible();
  await expect(page.getByTestId('reemplazos-usados')).toHaveText('1 de 1');
  await expect(page.getByText(`por Catalina Reemplazo Fuentes`)).toBeVisible();

  // 6. The leader sends the correction.
  await page.goto(`${portal}/observaciones`);
  await page.getByRole('button', { name: 'Enviar subsanación' }).click();
  await expect(page.getByTestId('subsanacion-enviada')).toBeVisible();
  await expect(status('Subsanada')).toBeVisible();
  await expectMail(number, started, /subsanada/i);

  // 7. The reviewer sees only what changed — the corrected field, the corrected worker, the replacement — and accepts each observation.
  await switchUser(page, demo.reviewerRm);
  await page.goto(`${review}/observaciones`);
  const changedField = page.getByTestId('cambios-campos').getByRole('row', { name: /Certificado de dominio vigente › Fojas/ });
  await expect(changedField).toContainText('Terreno');
  await expect(changedField).toContainText('(vacío)');
  await expect(changedField).toContainText('1234');
  const changedWorker = page.getByTestId('cambio-trabajador').filter({ hasText: correctedName });
  await expect(changedWorker.getByRole('row', { name: /Integrantes del hogar/ })).toContainText('3');
  await expect(changedWorker.getByRole('row', { name: /Integrantes del hogar/ }).locator('ins')).toHaveText('4');
  await expect(page.getByTestId('cambio-reemplazo')).toContainText(`Catalina Reemplazo Fuentes`);
  await expect(page.getByTestId('cambio-reemplazo')).toContainText(observedName);
  const current = page.getByTestId('ronda-actual');
  for (let i = 0; i < 3; i++) {
    await current.getByRole('button', { name: 'Aceptar' }).first().click();
    await expect(current.locator('[data-status="aceptada"]')).toHaveCount(i + 1);
  }

  // A reviewer cannot approve: only the director.
  await page.goto(`${review}/decision`);
  await expect(page.getByTestId('aprobacion-solo-director')).toContainText('Solo el Director o la Directora SERVIU');
  await expect(page.getByRole('button', { name: 'Aprobar técnicamente' })).toHaveCount(0);

  // 8. The director approves with a reason.
  await switchUser(page, demo.directorRm);
  await page.goto(`${review}/decision`);
  await expect(page.getByTestId('aprobacion')).toContainText('No hay observaciones bloqueantes abiertas');
  await page.getByLabel('Fundamento de la aprobación').fill('Subsanadas las observaciones; el proyecto cumple los requisitos técnicos del llamado.');
  await page.getByRole('button', { name: 'Aprobar técnicamente' }).click();
  await expect(page.getByTestId('decision-cerrada')).toContainText('Aprobada técnicamente');
  await expect(status('Aprobada técnicamente')).toBeVisible();
  await expect(page.getByTestId('historial')).toContainText('Subsanadas las observaciones');
  await expectMail(number, started, /aprobada técnicamente/i);

  // 9. The applicant sees every step in the status page.
  await switchUser(page, demo.orgRep);
  await page.goto(`${portal}/estado`);
  const history = page.getByRole('list', { name: 'Cambios de estado' });
  for (const step of ['Enviada → En revisión', 'En revisión → Observada', 'Observada → Subsanada', 'Subsanada → Aprobada técnicamente'])
    await expect(history).toContainText(step);
  await expect(page.getByTestId('banner-observaciones')).toHaveCount(0);
});
