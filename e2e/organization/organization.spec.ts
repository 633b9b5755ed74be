import { test } from '@playwright/test';
import type { Browser, Page } from '@playwright/test';
import { invitationPathFor } from '../fixtures/mail';
import { expect, fillOrganization, fillSignUp, formReady, muteDevReloads, newApplication, newLeaderWithOrganization, uniqueRut, uniqueTag } from './helpers';

test.describe.configure({ mode: 'serial' });
test.beforeEach(async ({ context }) => muteDevReloads(context));

async function freshPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext();
  await muteDevReloads(context);
  return context.newPage();
}

test('a union leader signs up, registers the organisation, files an application and brings in employer and sponsor', async ({ page, browser }) => {
  test.setTimeout(360_000);
  const tag = uniqueTag();

  // Sign-up: a wrong confirmation and a short password are named next to their fields; nothing typed is lost.
  await page.goto('/registro');
  await formReady(page, 'Crear cuenta');
  await page.getByLabel('Nombre completo').fill(`Ana Dirigente ${tag}`);
  await page.getByLabel('Contraseña', { exact: true }).fill('corta');
  await page.getByLabel('Repita la contraseña').fill('otra');
  await page.getByRole('button', { name: 'Crear cuenta' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Hay un problema' })).toBeVisible();
  await expect(page.locator('#password-error')).toContainText('al menos 10 caracteres');
  await expect(page.locator('#rut-error')).toContainText('Ingrese su RUT.');
  await expect(page.getByLabel('Nombre completo')).toHaveValue(`Ana Dirigente ${tag}`);

  // A taken e-mail is refused next to the field.
  await page.goto('/registro');
  await fillSignUp(page, { name: 'Otra Persona', rut: uniqueRut(10_000_000), email: 'dirigente@demo.cl' });
  await expect(page.locator('#email-error')).toContainText('Ya existe una cuenta con este correo');

  // Leader and organisation, with the check-digit message on a wrong RUT first.
  await page.goto('/registro');
  const leaderEmail = `dirigente.${tag}@prueba.cl`;
  await fillSignUp(page, { name: `Ana Dirigente ${tag}`, rut: uniqueRut(10_000_000), email: leaderEmail });
  await expect(page).toHaveURL(/\/portal\/organizacion$/);
  const organizationName = `Sindicato de Prueba ${tag}`;
  const orgRut = uniqueRut(60_000_000);
  const wrongDigit = orgRut.endsWith('-1') ? orgRut.replace(/-1$/, '-2') : orgRut.replace(/-.$/, '-1');
  await fillOrganization(page, organizationName, wrongDigit);
  await page.getByRole('button', { name: 'Registrar organización' }).click();
  await expect(page.locator('#rut-error')).toContainText(`el dígito verificador debería ser ${orgRut.split('-')[1]}`);
  await expect(page.getByLabel('Nombre de la organización')).toHaveValue(organizationName);
  await page.getByLabel('RUT de la organización').fill(orgRut);
  await page.getByRole('button', { name: 'Registrar organización' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(organizationName);
  await expect(page.getByRole('region', { name: 'Miembros de la organización' })).toContainText(`Ana Dirigente ${tag}`);

  // The dashboard now offers a new application.
  const project = `Condominio Prueba ${tag}`;
  const application = await newApplication(page, project);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(project);

  // Invitations to the employer and the sponsor.
  const employerEmail = `empleador.${tag}@prueba.cl`;
  const sponsorEmail = `patrocinante.${tag}@prueba.cl`;
  await page.goto(`/portal/organizacion/postulaciones/${application.id}`);
  await expect(page.getByRole('heading', { level: 1 })).toContainText(project);
  const since = Date.now();
  await formReady(page, 'Enviar invitación');
  await page.getByLabel('Representante del empleador').check();
  await page.getByLabel('Correo electrónico de la persona invitada').fill(employerEmail.toUpperCase());
  await page.getByRole('button', { name: 'Enviar invitación' }).click();
  await expect(page.getByRole('status')).toContainText(employerEmail);
  await page.getByLabel('Entidad Patrocinante o entidad gestora').check();
  await page.getByLabel('Correo electrónico de la persona invitada').fill(sponsorEmail);
  await page.getByRole('button', { name: 'Enviar invitación' }).click();
  await expect(page.getByRole('status')).toContainText(sponsorEmail);
  await expect(page.getByRole('region', { name: 'Invitaciones de esta postulación' }).getByText('Pendiente', { exact: true })).toHaveCount(2);

  const employerPath = await invitationPathFor(employerEmail, since);
  const sponsorPath = await invitationPathFor(sponsorEmail, since);

  // The employer's representative creates an account from the link and registers the company.
  const employer = await freshPage(browser);
  await employer.goto(employerPath);
  await expect(employer.getByText(organizationName)).toBeVisible();
  await employer.getByRole('link', { name: 'Crear cuenta' }).click();
  await expect(employer.getByLabel('Correo electrónico')).toHaveValue(employerEmail);
  await fillSignUp(employer, { name: `Carla Empleadora ${tag}`, rut: uniqueRut(11_000_000) });
  await expect(employer).toHaveURL(new RegExp(`${employerPath}$`));
  const companyName = `Empresa Prueba ${tag} S.A.`;
  await formReady(employer, 'Registrar y aceptar la invitación');
  await employer.getByLabel('Razón social o nombre').fill(companyName);
  await employer.getByLabel('RUT del empleador').fill(uniqueRut(76_000_000));
  await employer.getByLabel('Empresa privada').check();
  await employer.getByRole('button', { name: 'Registrar y aceptar la invitación' }).click();
  await expect(employer).toHaveURL(new RegExp(`/portal/postulaciones/${application.id}$`));
  await expect(employer.getByText(application.number)).toBeVisible();

  // Single use: the same link now says so and changes nothing.
  await employer.goto(employerPath);
  await expect(employer.getByRole('alert').filter({ hasText: 'ya fue usada' })).toBeVisible();
  await employer.context().close();

  // The sponsor signs in with an account created from the link too, as an Entidad Patrocinante.
  const sponsor = await freshPage(browser);
  await sponsor.goto(sponsorPath);
  await sponsor.getByRole('link', { name: 'Crear cuenta' }).click();
  await fillSignUp(sponsor, { name: `Pablo Patrocinante ${tag}`, rut: uniqueRut(12_000_000) });
  const epName = `Entidad Patrocinante Prueba ${tag} Ltda.`;
  await formReady(sponsor, 'Registrar y aceptar la invitación');
  await sponsor.getByLabel('Razón social').fill(epName);
  await sponsor.getByLabel('RUT de la entidad').fill(uniqueRut(77_000_000));
  await sponsor.getByLabel('Entidad Patrocinante', { exact: true }).check();
  await sponsor.getByLabel('N° de convenio o registro de la entidad').fill('EP-0042');
  await sponsor.getByRole('button', { name: 'Registrar y aceptar la invitación' }).click();
  await expect(sponsor).toHaveURL(new RegExp(`/portal/postulaciones/${application.id}$`));
  await sponsor.context().close();

  // The leader sees both parties and their representatives.
  await page.goto(`/portal/organizacion/postulaciones/${application.id}`);
  const employerCard = page.getByRole('region', { name: 'Empleador' });
  await expect(employerCard).toContainText(companyName);
  await expect(employerCard).toContainText(`Carla Empleadora ${tag}`);
  const sponsorCard = page.getByRole('region', { name: 'Entidad patrocinante' });
  await expect(sponsorCard).toContainText(epName);
  await expect(sponsorCard).toContainText(`Pablo Patrocinante ${tag}`);
  await expect(page.getByRole('region', { name: 'Invitaciones de esta postulación' }).getByText('Aceptada', { exact: true })).toHaveCount(2);
  await page.goto('/portal/organizacion');
  await expect(page.getByText(`${companyName} (Carla Empleadora ${tag})`)).toBeVisible();
});

test('a revoked, an expired and a wrong-account invitation are refused', async ({ page, browser, request }) => {
  test.setTimeout(240_000);
  const tag = uniqueTag();
  await newLeaderWithOrganization(page, tag);
  const application = await newApplication(page, `Villa Prueba ${tag}`);
  await page.goto(`/portal/organizacion/postulaciones/${application.id}`);

  // Revoked: the link stops working.
  const revokedEmail = `revocada.${tag}@prueba.cl`;
  let since = Date.now();
  await formReady(page, 'Enviar invitación');
  await page.getByLabel('Representante del empleador').check();
  await page.getByLabel('Correo electrónico de la persona invitada').fill(revokedEmail);
  await page.getByRole('button', { name: 'Enviar invitación' }).click();
  await expect(page.getByRole('status')).toContainText(revokedEmail);
  const revokedPath = await invitationPathFor(revokedEmail, since);
  await page.getByRole('button', { name: `Revocar la invitación a ${revokedEmail}` }).click();
  await page.getByRole('button', { name: 'Sí, revocar' }).click();
  await expect(page.getByRole('region', { name: 'Invitaciones de esta postulación' }).getByText('Revocada', { exact: true })).toBeVisible();
  const visitor = await freshPage(browser);
  await visitor.goto(revokedPath);
  await expect(visitor.getByRole('alert').filter({ hasText: 'fue revocada' })).toBeVisible();

  // Wrong account: someone signed in with another e-mail is refused clearly.
  const builderEmail = `constructora.${tag}@prueba.cl`;
  since = Date.now();
  await page.getByRole('radio', { name: /^Constructora/ }).check();
  await page.getByLabel('Correo electrónico de la persona invitada').fill(builderEmail);
  await page.getByRole('button', { name: 'Enviar invitación' }).click();
  await expect(page.getByRole('status')).toContainText(builderEmail);
  const builderPath = await invitationPathFor(builderEmail, since);
  await page.goto(builderPath);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Esta invitación es para otra cuenta');
  await expect(page.getByRole('button', { name: /aceptar/i })).toHaveCount(0);

  // Expired: eight days later (server clock) the link is refused and nothing can be created from it.
  try {
    const ahead = new Date(Date.now() + 8 * 24 * 60 * 60 * 1000).toISOString();
    expect((await request.post('/api/test/clock', { data: { at: ahead } })).ok()).toBe(true);
    await visitor.goto(builderPath);
    await expect(visitor.getByRole('alert').filter({ hasText: 'venció' })).toBeVisible();
    await expect(visitor.getByRole('link', { name: 'Crear cuenta' })).toHaveCount(0);
    await visitor.goto(`/registro?invitacion=${builderPath.split('/').pop()}`);
    await expect(visitor.getByRole('alert').filter({ hasText: 'venció' })).toBeVisible();
  } finally {
    await request.post('/api/test/clock', { data: { at: null } });
  }
  await visitor.context().close();
});
