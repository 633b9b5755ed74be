import { expect, test } from '@playwright/test';
import { demo, signIn } from '../fixtures/auth';

const landings: { email: string; path: string; heading: RegExp }[] = [
  { email: demo.worker, path: '/portal', heading: /Hola, María/ },
  { email: demo.orgRep, path: '/portal', heading: /Hola, Juan/ },
  { email: demo.employerRep, path: '/portal', heading: /Hola, Carolina/ },
  { email: demo.sponsor, path: '/portal', heading: /Hola, Andrés/ },
  { email: demo.builder, path: '/portal', heading: /Hola, Patricia/ },
  { email: demo.reviewerRm, path: '/gestion', heading: /Bandeja de revisión/ },
  { email: demo.reviewerAntofagasta, path: '/gestion', heading: /Bandeja de revisión/ },
  { email: demo.directorRm, path: '/gestion', heading: /Aprobación técnica/ },
  { email: demo.directorAntofagasta, path: '/gestion', heading: /Aprobación técnica/ },
  { email: demo.minvu, path: '/gestion', heading: /Gestión nacional/ },
  { email: demo.gore, path: '/gestion', heading: /Cofinanciamiento regional/ },
];

for (const { email, path, heading } of landings) {
  test(`${email} signs in and lands on their dashboard`, async ({ page }) => {
    await signIn(page, email);
    await expect(page).toHaveURL(new RegExp(`${path}$`));
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(heading);
    await page.getByRole('button', { name: 'Cerrar sesión' }).click();
    await expect(page.getByRole('link', { name: 'Ingresar', exact: true })).toBeVisible();
    await page.goto(path);
    await expect(page).toHaveURL(/\/ingresar/);
  });
}

test('a wrong password gets a clear message and keeps the e-mail typed', async ({ page }) => {
  await page.goto('/ingresar');
  await page.getByLabel('Correo electrónico').fill(demo.orgRep);
  await page.getByLabel('Contraseña').fill('no-es-la-clave');
  await page.getByRole('button', { name: 'Ingresar', exact: true }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'El correo o la contraseña no son correctos.' })).toBeVisible();
  await expect(page.getByLabel('Correo electrónico')).toHaveValue(demo.orgRep);
});

test('empty fields are named next to each field', async ({ page }) => {
  await page.goto('/ingresar');
  await page.getByRole('button', { name: 'Ingresar', exact: true }).click();
  await expect(page.locator('#email-error')).toContainText('Ingrese su correo electrónico.');
  await expect(page.locator('#password-error')).toContainText('Ingrese su contraseña.');
});

test('sign-in works without JavaScript', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await signIn(page, demo.reviewerAntofagasta);
  await expect(page.getByTestId('scope')).toHaveText('Región Antofagasta');
  await context.close();
});

test('after sign-in the visitor returns to the page that asked for it', async ({ page }) => {
  await page.goto('/gestion');
  await expect(page).toHaveURL(/\/ingresar\?callbackUrl=%2Fgestion/);
  await page.getByLabel('Correo electrónico').fill(demo.directorRm);
  await page.getByLabel('Contraseña').fill('Vivienda.Demo.2026');
  await page.getByRole('button', { name: 'Ingresar', exact: true }).click();
  await expect(page).toHaveURL(/\/gestion$/);
});
