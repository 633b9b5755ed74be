import { expect as baseExpect } from '@playwright/test';
import type { BrowserContext, Page } from '@playwright/test';
import { computeCheckDigit } from '../../lib/domain/rut';

/**
 * Against a development server, any saved source file makes the hot-reload channel reload the page
 * mid-test and wipe what was typed. Full-reload messages are dropped here; a production server has no such channel.
 */
export async function muteDevReloads(context: BrowserContext): Promise<void> {
  await context.routeWebSocket(/\/_next\/(webpack-)?hmr/, (ws) => {
    const server = ws.connectToServer();
    server.onMessage((message) => {
      const text = String(message);
      if (text.includes('"reloadPage"') || (text.includes('"turbopack-message"') && text.includes('"type":"restart"'))) return;
      ws.send(message);
    });
  });
}

/** The forms submit through JavaScript: their button is enabled once the page is interactive. */
export async function formReady(page: Page, button: string): Promise<void> {
  await expect(page.getByRole('button', { name: button })).toBeEnabled({ timeout: 60_000 });
}

/** A development server under load answers slowly; production-built CI servers are far quicker. */
export const expect = baseExpect.configure({ timeout: 60_000 });

export const PASSWORD = 'Una frase de prueba 2026';

/** A valid RUT unique enough for one run: a body derived from the clock and a counter. */
let counter = 0;
export function uniqueRut(base: number): string {
  const body = base + ((Date.now() % 9_000_000) + counter++ * 7919) % 9_000_000;
  return `${body}-${computeCheckDigit(body)}`;
}

export function uniqueTag(): string {
  return `${Date.now().toString(36)}${Math.floor(Math.random() * 1000)}`;
}

/** Fills the sign-up form already open on the page (the e-mail may be prefilled by an invitation). */
export async function fillSignUp(page: Page, person: { name: string; rut: string; email?: string }): Promise<void> {
  await formReady(page, 'Crear cuenta');
  await page.getByLabel('Nombre completo').fill(person.name);
  await page.getByLabel('RUT', { exact: true }).fill(person.rut);
  if (person.email) await page.getByLabel('Correo electrónico').fill(person.email);
  await page.getByLabel('Contraseña', { exact: true }).fill(PASSWORD);
  await page.getByLabel('Repita la contraseña').fill(PASSWORD);
  await page.getByRole('button', { name: 'Crear cuenta' }).click();
}

/** A new union leader signs up and registers a new organisation; returns its name. */
export async function newLeaderWithOrganization(page: Page, tag: string): Promise<{ email: string; organizationName: string }> {
  const email = `dirigente.${tag}@prueba.cl`;
  await page.goto('/registro');
  await fillSignUp(page, { name: `Ana Dirigente ${tag}`, rut: uniqueRut(10_000_000), email });
  await expect(page).toHaveURL(/\/portal\/organizacion$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Registrar organización');
  const organizationName = `Sindicato de Prueba ${tag}`;
  await fillOrganization(page, organizationName, uniqueRut(60_000_000));
  await page.getByRole('button', { name: 'Registrar organización' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(organizationName);
  return { email, organizationName };
}

export async function fillOrganization(page: Page, name: string, rut: string): Promise<void> {
  await formReady(page, 'Registrar organización');
  await page.getByLabel('Nombre de la organización').fill(name);
  await page.getByLabel('RUT de la organización').fill(rut);
  await page.getByLabel('Sindicato', { exact: true }).check();
  await page.getByLabel('Número de registro').fill('RSU 13.01.9999');
  await page.getByLabel('Fecha en que se otorgó').fill('2018-05-14');
  await page.getByLabel('Autoridad que la otorgó').fill('Inspección Provincial del Trabajo de Santiago');
  await page.getByLabel('Región').selectOption({ label: 'Metropolitana' });
  await page.getByLabel('Comuna').selectOption({ label: 'Puente Alto' });
}

/** Creates an application in the open demo call from the leader's dashboard; returns its id and number. */
export async function newApplication(page: Page, projectName: string): Promise<{ id: string; number: string }> {
  await page.goto('/portal');
  await expect(page.getByRole('link', { name: 'Nueva postulación' })).toHaveAttribute('href', '/portal/postulaciones/nueva');
  await page.goto('/portal/postulaciones/nueva');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Nueva postulación');
  await formReady(page, 'Crear postulación');
  await page.getByLabel(/Llamado de demostración/).check();
  await page.getByLabel('Nombre del proyecto').fill(projectName);
  await page.getByRole('button', { name: 'Crear postulación' }).click();
  await expect(page).toHaveURL(/\/portal\/postulaciones\/[0-9a-f-]{36}$/);
  const id = page.url().split('/').pop()!;
  const number = (await page.getByText(/PVT-DEMO-\d{4}/).first().innerText()).match(/PVT-DEMO-\d{4}/)![0];
  return { id, number };
}

/** Signs in through the sign-in page (which works before hydration), patient with a slow server. */
export async function signInAs(page: Page, email: string, password = 'Vivienda.Demo.2026'): Promise<void> {
  await page.goto('/ingresar');
  await page.getByLabel('Correo electrónico').fill(email);
  await page.getByLabel('Contraseña').fill(password);
  await page.getByRole('button', { name: 'Ingresar', exact: true }).click();
  await expect(page).not.toHaveURL(/\/ingresar/);
}
