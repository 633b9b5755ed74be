import { expect as baseExpect, test } from '@playwright/test';
import { readLatestMailTo } from '../fixtures/mail';
import { newUnionApplication, openReady, randomRut, withoutHotReload } from '../roster/union';

const expect = baseExpect.configure({ timeout: 120_000 });
const PASSWORD = 'Una frase de trabajadora 2026';

/**
 * «Soy trabajador/a postulante»: a worker of a union's roster creates an account with their RUT,
 * confirms the e-mail the union recorded on their row, then sees the application they are listed in and
 * confirms the incorporation form online; the RUT cannot get a second account, and the account reaches
 * nothing else.
 */
test('a worker signs up by RUT, confirms their e-mail, sees their application and confirms the incorporation online', async ({ page, browser }) => {
  test.setTimeout(900_000);
  await withoutHotReload(page.context());
  const { applicationId } = await newUnionApplication(page, 'cuenta-trabajador');
  const base = `/portal/postulaciones/${applicationId}`;
  const workerRut = randomRut();
  const tag = Date.now().toString(36);

  // The leader lists the worker in the roster.
  await openReady(page, `${base}/nomina/agregar`);
  await page.getByLabel('RUT').fill(workerRut);
  await page.getByLabel('Nombres').fill('Paula Andrea');
  await page.getByLabel('Apellidos').fill('Trabajadora Cuenta');
  await page.getByLabel('Sí', { exact: true }).check();
  await page.getByLabel('Tramo del Registro Social de Hogares').selectOption('40');
  await page.getByLabel('Integrantes del hogar').fill('3');
  await page.getByLabel('Ingreso líquido mensual del hogar, en pesos').fill('850.000');
  await page.getByLabel('Ahorro total para la vivienda, en UF').fill('55');
  await page.getByLabel('Ahorro ya depositado, en UF').fill('30');
  await page.getByLabel('Tramo de la vivienda asignada').selectOption('1');
  await page.getByLabel('Correo electrónico (opcional)').fill(`trabajadora.${tag}@prueba.cl`);
  await page.getByRole('button', { name: 'Agregar a la nómina' }).click();
  await expect(page.getByTestId('roster-table')).toContainText(workerRut);

  const context = await browser.newContext();
  try {
    await withoutHotReload(context);
    const worker = await context.newPage();
    await openReady(worker, '/registro');
    await worker.getByRole('link', { name: 'Soy trabajador/a postulante' }).click();
    await expect(worker.getByRole('heading', { level: 1 })).toHaveText('Soy trabajador/a postulante');
    await worker.waitForLoadState('networkidle');
    await worker.getByLabel('Nombre completo').fill('Paula Andrea Trabajadora Cuenta');
    // A wrong check digit is named next to the field.
    const digit = workerRut.slice(-1);
    await worker.getByLabel('RUT', { exact: true }).fill(`${workerRut.slice(0, -1)}${digit === '1' ? '2' : '1'}`);
    await worker.getByLabel('Correo electrónico').fill(`trabajadora.${tag}@prueba.cl`);
    await worker.getByLabel('Contraseña', { exact: true }).fill(PASSWORD);
    await worker.getByLabel('Repita la contraseña').fill(PASSWORD);
    await worker.getByRole('button', { name: 'Crear cuenta' }).click();
    await expect(worker.locator('#rut-error')).toContainText(`el dígito verificador debería ser ${digit}`);
    await worker.getByLabel('RUT', { exact: true }).fill(workerRut);
    await worker.getByRole('button', { name: 'Crear cuenta' }).click();

    // A typed RUT proves nothing: until the address the union recorded is confirmed, nothing shows.
    await expect(worker).toHaveURL(/\/portal$/);
    await expect(worker.getByTestId('worker-confirm-email')).toContainText(`trabajadora.${tag}@prueba.cl`);
    await expect(worker.getByRole('region', { name: 'Su postulación', exact: true })).toHaveCount(0);
    const mail = await readLatestMailTo(`trabajadora.${tag}@prueba.cl`, { timeoutMs: 60_000 });
    expect(mail.subject).toBe('Confirme su correo en el portal');
    const confirmLink = mail.links.find((l) => /\/verificar-correo\/[A-Za-z0-9_.-]+$/.test(l));
    expect(confirmLink).toBeDefined();
    await openReady(worker, new URL(confirmLink!).pathname);
    await worker.getByRole('button', { name: 'Confirmar mi correo' }).click();
    await expect(worker.getByRole('status')).toContainText(`confirmamos el correo trabajadora.${tag}@prueba.cl`);

    // Linked by RUT and the confirmed address: the dashboard shows the application the union listed them in.
    await openReady(worker, '/portal');
    await expect(worker.getByTestId('worker-confirm-email')).toHaveCount(0);
    const mine = worker.getByRole('region', { name: 'Su postulación', exact: true });
    await expect(mine).toContainText('Sindicato de Pruebas');
    await mine.getByRole('link', { name: 'Ver el estado de la postulación' }).click();
    await expect(worker.getByTestId('worker-status-text')).toContainText('Su organización está preparando la postulación');
    // The roster holds the others' incomes: not for a worker.
    expect((await worker.request.get(`/api/postulaciones/${applicationId}/nomina/exportar?formato=csv`)).status()).toBe(404);

    await openReady(worker, `${base}/incorporacion`);
    await expect(worker.getByTestId('project-summary')).toContainText('Tramo 1');
    await worker.getByLabel('Declaro conocer el proyecto').check();
    await worker.getByRole('button', { name: 'Confirmar' }).click();
    await expect(worker.getByTestId('incorporation-confirmed')).toBeVisible();

    // The same RUT cannot get a second account, and the answer names nobody.
    await context.clearCookies();
    await openReady(worker, '/registro/trabajador');
    await worker.getByLabel('Nombre completo').fill('Otra Persona');
    await worker.getByLabel('RUT', { exact: true }).fill(workerRut);
    await worker.getByLabel('Correo electrónico').fill(`otra.${tag}@prueba.cl`);
    await worker.getByLabel('Contraseña', { exact: true }).fill(PASSWORD);
    await worker.getByLabel('Repita la contraseña').fill(PASSWORD);
    await worker.getByRole('button', { name: 'Crear cuenta' }).click();
    await expect(worker.locator('#rut-error')).toContainText('Ya existe una cuenta con este RUT.');
    await expect(worker.locator('main')).not.toContainText('Paula');
    await expect(worker.locator('main')).not.toContainText(`trabajadora.${tag}`);
    await expect(worker).toHaveURL(/\/registro\/trabajador$/);
  } finally {
    await context.close();
  }

  // The leader sees the online confirmation in the roster.
  await openReady(page, `${base}/nomina`);
  await expect(page.getByTestId('roster-table').getByRole('row', { name: /Paula Andrea Trabajadora Cuenta/ })).toContainText('Confirmada en línea');
});
