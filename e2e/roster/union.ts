import { randomInt } from 'node:crypto';
import { expect as baseExpect } from '@playwright/test';
import type { BrowserContext, Page } from '@playwright/test';
import { computeCheckDigit, formatRut } from '../../lib/domain/rut';

// A development server compiles each page on its first visit.
const expect = baseExpect.configure({ timeout: 120_000 });

/**
 * Keeps a development server's hot reload away from the test's pages: any saved source file (or
 * another run's trace files) reloads every open page, wiping half-filled forms.
 * Harmless against a production server, which has no such socket.
 */
export async function withoutHotReload(context: BrowserContext): Promise<void> {
  await context.routeWebSocket(/\/_next\/(webpack-)?hmr/, (ws) => {
    const server = ws.connectToServer();
    ws.onMessage((message) => server.send(message));
    server.onMessage((message) => {
      const text = typeof message === 'string' ? message : message.toString();
      // Page reloads and module restarts caused by saved source files are dropped; the rest passes.
      if (/"type":"(reloadPage|serverComponentChanges)"|"type":"restart"/.test(text)) return;
      ws.send(message);
    });
  });
}

/** Opens a page and waits until its scripts have loaded, so a form is not submitted before it is interactive. */
export async function openReady(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.waitForLoadState('networkidle');
}

/** A random RUT body in [min, max): far from the demo and fixture RUTs, so runs do not collide. */
export function randomRutBody(min = 30_000_000, max = 49_999_999): number {
  return randomInt(min, max);
}

/** A valid RUT with a random body, as a person would write it (with dots). */
export function randomRut(min?: number, max?: number): string {
  const body = randomRutBody(min, max);
  return formatRut(`${body}-${computeCheckDigit(body)}`);
}

/**
 * Signs up a new union leader, registers a new union and creates a new draft application in the open
 * call, so the test changes only data of its own. Returns the application's id; the page stays signed in.
 */
export async function newUnionApplication(page: Page, label: string): Promise<{ applicationId: string }> {
  const suffix = `${Date.now().toString(36)}${randomInt(1000, 9999)}`;
  const password = 'Clave.Segura.2026';

  await openReady(page, '/registro');
  await page.getByLabel('Nombre completo').fill('Rosa Dirigente Pruebas');
  await page.getByLabel('RUT', { exact: true }).fill(randomRut(10_000_000, 25_000_000));
  await page.getByLabel('Correo electrónico').fill(`dirigente.${label}.${suffix}@prueba.cl`);
  await page.getByLabel('Contraseña', { exact: true }).fill(password);
  await page.getByLabel('Repita la contraseña').fill(password);
  await page.getByRole('button', { name: 'Crear cuenta' }).click();
  await expect(page).toHaveURL(/\/portal\/organizacion/);

  await page.waitForLoadState('networkidle');
  await page.getByLabel('Nombre de la organización').fill(`Sindicato de Pruebas ${suffix}`);
  await page.getByLabel('RUT de la organización').fill(randomRut(65_000_000, 65_999_999));
  await page.getByLabel('Sindicato', { exact: true }).check();
  await page.getByLabel('Número de registro').fill(`RSU 13.01.${randomInt(1000, 9999)}`);
  await page.getByLabel('Fecha en que se otorgó').fill('2018-05-14');
  await page.getByLabel('Autoridad que la otorgó').fill('Inspección Provincial del Trabajo de Santiago');
  await page.getByLabel('Región').selectOption('13');
  await page.getByLabel('Comuna').selectOption({ label: 'Puente Alto' });
  await page.getByRole('button', { name: 'Registrar organización' }).click();
  const newApplication = page.getByRole('link', { name: 'Nueva postulación' });
  // The answer sometimes does not reach a page of a busy development server; the organisation exists by then.
  await expect(newApplication)
    .toBeVisible()
    .catch(async () => {
      await openReady(page, '/portal/organizacion');
      await expect(newApplication).toBeVisible();
    });

  await openReady(page, '/portal/postulaciones/nueva');
  const demoCall = page.getByLabel(/Llamado de demostración Programa de Vivienda para Trabajadores/);
  if ((await demoCall.count()) > 0 && !(await demoCall.isChecked())) await demoCall.check();
  await page.getByLabel('Nombre del proyecto').fill(`Condominio Pruebas ${suffix}`);
  await page.getByRole('button', { name: 'Crear postulación' }).click();
  await expect(page).toHaveURL(/\/portal\/postulaciones\/[0-9a-f-]{36}$/);
  return { applicationId: page.url().split('/').pop()! };
}
