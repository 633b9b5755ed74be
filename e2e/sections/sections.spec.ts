import AxeBuilder from '@axe-core/playwright';
import { expect as baseExpect, test } from '@playwright/test';
import type { BrowserContext, Page } from '@playwright/test';
import { computeCheckDigit } from '../../lib/domain/rut';
import { DEMO_PASSWORD, demo } from '../fixtures/auth';

/**
 * The applicant's journey through the task list and the sections of PVT-DEMO-0001. Only the sponsor's
 * Proyecto and Carta Gantt, the employer's Convenio and Terreno and the union's Comité de Proyecto are
 * edited here (no other area edits them), and the seeded composition (1 × tramo 1 at 1.200 UF, 3 ×
 * tramo 2 at 1.600 UF in Puente Alto) is put back at the end, because other tests read it.
 */

// A development server under load answers slowly.
const expect = baseExpect.configure({ timeout: 60_000 });
test.describe.configure({ mode: 'serial' });
test.setTimeout(300_000);

const SEEDED_NAME = 'Condominio Los Aromos';
let applicationId = '';
const sectionPath = (section = '') => `/portal/postulaciones/${applicationId}${section}`;

/**
 * Saved source files make the development server's hot-reload channel reload the page mid-test and
 * wipe what was typed; its full-reload messages are dropped (a production server has no such channel).
 */
async function muteDevReloads(context: BrowserContext): Promise<void> {
  await context.routeWebSocket(/\/_next\/(webpack-)?hmr/, (ws) => {
    const server = ws.connectToServer();
    server.onMessage((message) => {
      const text = String(message);
      if (text.includes('"reloadPage"') || (text.includes('"turbopack-message"') && text.includes('"type":"restart"'))) return;
      ws.send(message);
    });
    ws.onMessage((message) => server.send(message));
  });
}

async function signIn(page: Page, email: string): Promise<void> {
  await page.goto('/ingresar');
  await page.getByLabel('Correo electrónico').fill(email);
  await page.getByLabel('Contraseña').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Ingresar', exact: true }).click();
  await expect(page).not.toHaveURL(/\/ingresar/);
}

/** Opens a section page and waits until its form is interactive (the save button is enabled after hydration). */
async function openSection(page: Page, section: string): Promise<void> {
  await page.goto(sectionPath(section));
  await page.waitForLoadState('networkidle');
  await expect(page.getByRole('button', { name: 'Guardar sección' })).toBeEnabled();
}

async function save(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Guardar sección' }).click();
  await expect(page.getByTestId('save-status')).toContainText('Cambios guardados');
}

async function chooseComuna(page: Page, typed: string, name: string): Promise<void> {
  const comuna = page.getByRole('combobox', { name: 'Comuna del terreno' });
  await comuna.fill(typed);
  await expect(page.getByRole('option', { name, exact: true })).toBeVisible();
  await page.getByRole('option', { name, exact: true }).dispatchEvent('mousedown');
  await expect(comuna).toHaveValue(new RegExp(`^${name} \\(`));
}

/** Sets the project's dwelling lines (tramo, cantidad, precio), adding or removing lines as needed. */
async function setDwellingLines(page: Page, lines: { band: string; count: string; price: string }[]): Promise<void> {
  const rows = page.locator('select[id^="dwellings-"][id$="-band"]');
  while ((await rows.count()) > lines.length) await page.getByRole('button', { name: /^Quitar línea/ }).last().click();
  while ((await rows.count()) < lines.length) await page.getByRole('button', { name: 'Agregar línea de viviendas' }).click();
  for (const [i, line] of lines.entries()) {
    await page.locator(`#dwellings-${i}-band`).selectOption(line.band);
    await page.locator(`#dwellings-${i}-count`).fill(line.count);
    await page.locator(`#dwellings-${i}-priceUf`).fill(line.price);
  }
}

/** The seeded composition, so other areas' tests keep reading what the seed promised. */
async function fillSeededComposition(page: Page): Promise<void> {
  await page.getByLabel('Nombre del proyecto').fill(SEEDED_NAME);
  await chooseComuna(page, 'Puente Alto', 'Puente Alto');
  await setDwellingLines(page, [
    { band: '1', count: '1', price: '1200' },
    { band: '2', count: '3', price: '1600' },
  ]);
}

function santiagoDate(daysAgo: number): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Santiago', year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    new Date(Date.now() - daysAgo * 86_400_000),
  );
  return parts;
}

/** One row of the task list, by section id. */
function task(page: Page, id: string) {
  return page.locator('li', { has: page.locator(`#seccion-${id}-status`) });
}

const rut = (body: number) => `${body}-${computeCheckDigit(body)}`;

test.beforeAll(async ({ browser }) => {
  test.setTimeout(180_000);
  const context = await browser.newContext();
  await muteDevReloads(context);
  const page = await context.newPage();
  await signIn(page, demo.sponsor);
  await page.goto('/portal');
  const href = await page.getByRole('link', { name: 'PVT-DEMO-0001' }).getAttribute('href');
  applicationId = href!.split('/').pop()!;
  await context.close();
});

test.beforeEach(async ({ context }) => {
  await muteDevReloads(context);
});

test.describe('read-only views', () => {
  test('the task list shows each section with who completes it, its status and the time left', async ({ page }) => {
    await signIn(page, demo.sponsor);
    await page.goto(sectionPath());
    await expect(page.getByRole('heading', { name: 'Secciones de la postulación' })).toBeVisible();
    const titles = {
      proyecto: ['Proyecto', '/proyecto'],
      gantt: ['Carta Gantt', '/carta-gantt'],
      convenio: ['Convenio de Trabajo', '/convenio'],
      terreno: ['Terreno', '/terreno'],
      nomina: ['Nómina de postulantes', '/nomina'],
      comite: ['Comité de Proyecto', '/comite'],
      documentos: ['Documentos', '/documentos'],
    };
    for (const [id, [title, path]] of Object.entries(titles)) {
      await expect(task(page, id).getByRole('link', { name: title, exact: true })).toHaveAttribute('href', sectionPath(path));
      await expect(task(page, id)).toContainText(/No iniciado|En progreso|Completo|Con observaciones/i);
    }
    // Each task has one owner: the sponsor owns the project and the Gantt chart, the union the committee.
    await expect(task(page, 'proyecto')).toContainText('Lo completa: la entidad patrocinante.');
    await expect(task(page, 'proyecto')).not.toContainText('Solo lectura para usted');
    await expect(task(page, 'gantt')).toContainText('Lo completa: la entidad patrocinante.');
    await expect(task(page, 'gantt')).not.toContainText('Solo lectura para usted');
    await expect(task(page, 'convenio')).toContainText('Lo completa: el empleador. Solo lectura para usted.');
    await expect(task(page, 'nomina')).toContainText('Lo completa: la organización. Solo lectura para usted.');
    await expect(task(page, 'comite')).toContainText('Lo completa: la organización. Solo lectura para usted.');
    await expect(page.getByTestId('closing-notice')).toContainText('El plazo para enviar la postulación vence el');
    await expect(page.getByTestId('time-left')).toContainText(/^Quedan? \d+/);

    // A section of another party opens read-only: nothing can be changed or saved.
    await page.goto((await task(page, 'convenio').getByRole('link', { name: 'Convenio de Trabajo' }).getAttribute('href'))!);
    await expect(page.getByTestId('read-only-notice')).toContainText('Esta sección la completa el empleador. Usted puede verla, pero no modificarla.');
    await expect(page.getByRole('button', { name: 'Guardar sección' })).toHaveCount(0);
    await expect(page.getByLabel('Socios del sindicato o asociación')).toBeDisabled();
  });

  test('the builder of the project reads the Proyecto section but cannot change it', async ({ page }) => {
    await signIn(page, demo.builder);
    await page.goto(sectionPath('/proyecto'));
    await expect(page.getByTestId('read-only-notice')).toContainText('la entidad patrocinante');
    await expect(page.getByLabel('Nombre del proyecto')).toBeDisabled();
    await expect(page.getByRole('button', { name: 'Guardar sección' })).toHaveCount(0);
  });

  test('a worker sees the state in plain words and the link to confirm their incorporation', async ({ page }) => {
    await signIn(page, demo.worker);
    await page.goto(sectionPath());
    await expect(page.getByRole('heading', { name: '¿En qué está la postulación?' })).toBeVisible();
    await expect(page.getByTestId('worker-status-text')).toContainText('Su organización está preparando la postulación');
    await expect(page.getByRole('link', { name: /incorporación/ })).toHaveAttribute('href', `${sectionPath()}/incorporacion`);
    await expect(page.getByRole('heading', { name: 'Secciones de la postulación' })).toHaveCount(0);
    // Section pages are for the organisations; a worker is sent back to the status view.
    await page.goto(sectionPath('/convenio'));
    await expect(page).toHaveURL(new RegExp(`${sectionPath()}$`));
  });

  test('after the call closes (server clock) the sections are read-only and say why', async ({ page, request }) => {
    await signIn(page, demo.sponsor);
    await request.post('/api/test/clock', { data: { at: '2031-01-15T12:00:00-03:00' } });
    try {
      await page.goto(sectionPath('/proyecto'));
      await expect(page.getByTestId('read-only-notice')).toContainText('El llamado cerró el');
      await expect(page.getByRole('button', { name: 'Guardar sección' })).toHaveCount(0);
      await page.goto(sectionPath());
      await expect(page.getByTestId('closing-notice')).toContainText('El llamado cerró el');
    } finally {
      await request.post('/api/test/clock', { data: { at: null } });
    }
  });
});

test.describe('the sponsor edits «Proyecto»', () => {
  test.afterAll(async ({ browser }) => {
    // Whatever happened above, leave the seeded composition as other areas' tests expect it.
    test.setTimeout(300_000);
    const context = await browser.newContext();
    await muteDevReloads(context);
    const page = await context.newPage();
    try {
      await signIn(page, demo.sponsor);
      await openSection(page, '/proyecto');
      await page.evaluate(() => Object.keys(localStorage).forEach((k) => k.startsWith('portal:borrador:') && localStorage.removeItem(k)));
      await fillSeededComposition(page);
      await save(page);
    } finally {
      await context.close();
    }
  });

  test('Spanish errors next to the fields, nothing typed is lost, the engine reads the bands live', async ({ page }) => {
    await signIn(page, demo.sponsor);
    await openSection(page, '/proyecto');

    await page.getByLabel('Nombre del proyecto').fill('');
    await page.getByLabel('Tipo de proyecto').selectOption('construccion_nuevos_terrenos');
    await page.locator('#typologies-0-name').fill('Casa A');
    await page.locator('#typologies-0-areaM2').fill('55,4');
    await page.locator('#typologies-0-bedrooms').fill('9');
    await page.locator('#dwellings-1-band').selectOption('2');
    await page.locator('#dwellings-1-count').fill('3');
    await page.locator('#dwellings-1-priceUf').fill('1.700');
    // Puente Alto is in the centre zone: 1.700 UF is a tramo 3 price.
    await expect(page.getByTestId('band-reading-1')).toContainText(
      'El precio de 1.700 UF corresponde al tramo 3 en la zona centro, no al tramo 2 (más de 1.200 UF y hasta 1.600 UF).',
    );
    await page.getByRole('button', { name: 'Guardar sección' }).click();

    const summary = page.getByRole('alert').filter({ hasText: 'Hay un problema' });
    await expect(summary).toBeVisible();
    await expect(summary).toBeFocused();
    await expect(summary.getByRole('link', { name: 'Escriba el nombre del proyecto.' })).toBeVisible();
    await expect(summary.getByRole('link', { name: 'Tipología 1: Los dormitorios deben ser un número entero entre 1 y 6.' })).toBeVisible();
    await expect(page.locator('#projectName-error')).toHaveText('Error: Escriba el nombre del proyecto.');
    await expect(page.getByLabel('Nombre del proyecto')).toHaveAttribute('aria-invalid', 'true');
    // Everything typed is still there.
    await expect(page.locator('#typologies-0-name')).toHaveValue('Casa A');
    await expect(page.locator('#dwellings-1-priceUf')).toHaveValue('1.700');
    // The summary's link takes the user to the field.
    await summary.getByRole('link', { name: 'Escriba el nombre del proyecto.' }).click();
    await expect(page.getByLabel('Nombre del proyecto')).toBeFocused();

    // The searchable comuna selector: accents optional, grouped by region; Castro (Chiloé) is in the north zone.
    const comuna = page.getByRole('combobox', { name: 'Comuna del terreno' });
    await comuna.fill('nunoa');
    await expect(page.getByRole('group', { name: /Metropolitana/ }).getByRole('option', { name: 'Ñuñoa' })).toBeVisible();
    await comuna.fill('castro');
    await comuna.press('Enter');
    await expect(comuna).toHaveValue('Castro (Los Lagos)');
    await expect(page.getByTestId('zone-reading')).toContainText('Zona norte');

    // The server refuses a price outside its band, next to that line (the browser only warns).
    await page.getByLabel('Nombre del proyecto').fill(SEEDED_NAME);
    await chooseComuna(page, 'Puente Alto', 'Puente Alto');
    await page.locator('#typologies-0-bedrooms').fill('3');
    await page.locator('#dwellings-0-count').fill('1');
    await page.locator('#dwellings-0-priceUf').fill('1200');
    await page.getByRole('button', { name: 'Guardar sección' }).click();
    await expect(page.locator('#dwellings-1-priceUf-error')).toContainText('corresponde al tramo 3 en la zona centro, no al tramo 2');

    // Several lines in one band: two band-3 models at 1.800 and 2.000 UF (the 2022 call's own tables).
    await setDwellingLines(page, [
      { band: '1', count: '2', price: '1200' },
      { band: '2', count: '6', price: '1600' },
      { band: '3', count: '1', price: '1.800' },
      { band: '3', count: '1', price: '2000' },
    ]);
    await expect(page.getByTestId('band-reading-3')).toContainText('El precio corresponde al tramo 3 en esta zona.');
    await expect(page.getByTestId('dwellings-by-band')).toContainText('tramo 3, 2');
    await expect(page.getByTestId('composition-reading')).toContainText('10 viviendas');
    await save(page);
    await page.reload();
    await page.waitForLoadState('networkidle');
    await expect(page.locator('#dwellings-2-priceUf')).toHaveValue('1800');
    await expect(page.locator('#dwellings-3-priceUf')).toHaveValue('2000');
    await expect(page.locator('#dwellings-3-band')).toHaveValue('3');

    await fillSeededComposition(page);
    await expect(page.getByTestId('band-reading-1')).toContainText('El precio corresponde al tramo 2 en esta zona.');
    await expect(page.getByTestId('zone-reading')).toContainText('Zona centro');
    await expect(page.getByTestId('composition-reading')).toContainText('4 viviendas');
    await save(page);
    await expect(page.getByRole('alert').filter({ hasText: 'Hay un problema' })).toHaveCount(0);

    const results = await new AxeBuilder({ page }).include('main form').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  });

  test('a reload brings back unsaved changes with a notice, and «Descartar» drops them', async ({ page }) => {
    await signIn(page, demo.sponsor);
    await openSection(page, '/proyecto');
    const area = page.locator('#typologies-0-areaM2');
    const saved = await area.inputValue();
    await area.fill('61,5');
    await page.waitForTimeout(1_200); // the draft is written after a short pause in typing
    await page.reload();
    await page.waitForLoadState('networkidle');
    const notice = page.getByTestId('draft-notice');
    await expect(notice).toContainText(/Recuperamos cambios sin guardar de las \d{2}:\d{2}/);
    await expect(area).toHaveValue('61,5');
    await notice.getByRole('button', { name: 'Descartar' }).click();
    await expect(notice).toHaveCount(0);
    await expect(area).toHaveValue(saved);
    await page.reload();
    await page.waitForLoadState('networkidle');
    await expect(page.getByRole('button', { name: 'Guardar sección' })).toBeEnabled();
    await expect(page.getByTestId('draft-notice')).toHaveCount(0);
  });

  test('a second tab that saved first makes this tab’s save a conflict; nothing typed is lost', async ({ page, context }) => {
    await signIn(page, demo.sponsor);
    await openSection(page, '/proyecto');
    const other = await context.newPage();
    await openSection(other, '/proyecto');

    await other.locator('#typologies-0-name').fill('Casa B');
    await save(other);
    await other.close();

    await page.locator('#typologies-0-areaM2').fill('58');
    await page.getByRole('button', { name: 'Guardar sección' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'Hay un problema' })).toContainText('Otra persona o pestaña guardó cambios en esta sección mientras usted la editaba.');
    await expect(page.locator('#typologies-0-areaM2')).toHaveValue('58');
    await expect(page.getByTestId('save-status')).toHaveText('');

    await page.getByRole('button', { name: 'Recargar la versión actual' }).click();
    await page.waitForLoadState('networkidle');
    const notice = page.getByTestId('draft-notice');
    await expect(notice).toContainText('Mientras tanto alguien guardó esta sección');
    await expect(page.locator('#typologies-0-areaM2')).toHaveValue('58');
    await notice.getByRole('button', { name: 'Descartar' }).click();
    await expect(page.locator('#typologies-0-name')).toHaveValue('Casa B');

    // Back to the seeded wording and composition.
    await page.locator('#typologies-0-name').fill('Casa A');
    await page.locator('#typologies-0-areaM2').fill('55,4');
    await fillSeededComposition(page);
    await save(page);
  });
});

test.describe('the employer fills «Convenio de Trabajo» and «Terreno», the union «Comité», the sponsor «Carta Gantt»', () => {
  test('the convenio keeps the employer’s contents of the seed; committee and Gantt are other parties’ tasks', async ({ page }) => {
    await signIn(page, demo.employerRep);
    await openSection(page, '/convenio');
    // Start from known rows whatever an earlier run saved: no contributions.
    while ((await page.getByRole('button', { name: /^Quitar aporte/ }).count()) > 0) await page.getByRole('button', { name: /^Quitar aporte/ }).first().click();
    await page.getByLabel(/Mecanismo de Post Venta y Calidad de la Construcción/).uncheck();

    await page.getByRole('radio', { name: 'Sí' }).check();
    await page.getByLabel('Terreno que se cede y condiciones de la cesión').fill('Lote 3 del predio de la empresa en Puente Alto, 1,2 ha, se transfiere al grupo al firmar la escritura.');
    await page.getByLabel('Socios del sindicato o asociación').fill('4');
    await page.getByLabel('Trabajadores que no son socios').fill('0');
    await expect(page.getByTestId('union-check')).toContainText('nómina');

    await page.getByRole('button', { name: 'Agregar aporte' }).click();
    await page.locator('#contributions-0-party').selectOption('empleador');
    await page.locator('#contributions-0-description').fill('Urbanización del terreno');
    await page.locator('#contributions-0-materialization').fill('Obras de urbanización antes del inicio de la construcción.');
    await page.locator('#contributions-0-amountUf').fill('1.500');

    await expect(page.getByLabel('Nombre o razón social')).toHaveValue('Constructora Demo SpA');
    await expect(page.getByLabel('N° de inscripción en el Registro Nacional de Contratistas')).toHaveValue('RNC-5678');
    await page.getByLabel('Apoyo técnico que aporta el empleador').fill('Oficina técnica de la empresa y una entidad de gestión contratada para el diseño y la inspección de obras.');
    // The committee and the Gantt chart are linked, not edited, here.
    await expect(page.locator('#committee-0-name')).toHaveCount(0);
    await expect(page.getByRole('link', { name: 'Comité de Proyecto' }).last()).toHaveAttribute('href', sectionPath('/comite'));
    await expect(page.getByRole('link', { name: 'Carta Gantt' }).last()).toHaveAttribute('href', sectionPath('/carta-gantt'));
    await page.getByRole('button', { name: 'Guardar sección' }).click();

    const summary = page.getByRole('alert').filter({ hasText: 'Hay un problema' });
    await expect(summary).toContainText('El convenio debe incluir la obligación de exigir a la constructora el informe');
    await page.getByLabel(/Mecanismo de Post Venta y Calidad de la Construcción/).check();
    await save(page);

    await page.reload();
    await page.waitForLoadState('networkidle');
    await expect(page.locator('#contributions-0-amountUf')).toHaveValue('1500');
    await expect(page.getByRole('button', { name: /^Quitar aporte/ })).toHaveCount(1);

    // The employer reads the committee and the Gantt chart but cannot change them.
    await page.goto(sectionPath('/comite'));
    await expect(page.getByTestId('read-only-notice')).toContainText('Esta sección la completa la organización.');
    await expect(page.getByRole('button', { name: 'Guardar sección' })).toHaveCount(0);
    await page.goto(sectionPath('/carta-gantt'));
    await expect(page.getByTestId('read-only-notice')).toContainText('Esta sección la completa la entidad patrocinante.');
    await expect(page.getByRole('button', { name: 'Guardar sección' })).toHaveCount(0);
  });

  test('the union names the Project Committee; its RUTs and sides are checked', async ({ page }) => {
    await signIn(page, demo.orgRep);
    await openSection(page, '/comite');
    while ((await page.getByRole('button', { name: /^Quitar integrante/ }).count()) > 3) await page.getByRole('button', { name: /^Quitar integrante/ }).last().click();
    while ((await page.getByRole('button', { name: /^Quitar integrante/ }).count()) < 3) await page.getByRole('button', { name: 'Agregar integrante' }).click();
    await page.locator('#committee-0-side').selectOption('empleador');
    await page.locator('#committee-1-side').selectOption('organizacion');
    // Two members only, one of them with a wrong check digit.
    await page.locator('#committee-0-name').fill('Carolina Vega Muñoz');
    await page.locator('#committee-0-rut').fill('11.111.111-2');
    await page.locator('#committee-1-name').fill('Juan Rojas Díaz');
    await page.locator('#committee-1-rut').fill(rut(12_333_444));
    await page.getByRole('button', { name: 'Quitar integrante 3' }).click();
    await page.getByRole('button', { name: 'Guardar sección' }).click();
    const summary = page.getByRole('alert').filter({ hasText: 'Hay un problema' });
    await expect(summary).toContainText(`Integrante 1: El RUT 11.111.111-2 no es válido: el dígito verificador debería ser ${computeCheckDigit(11_111_111)}.`);
    // With valid RUTs, the composition itself is checked: a member of the group is missing.
    await page.locator('#committee-0-rut').fill(rut(11_111_111));
    await page.getByRole('button', { name: 'Guardar sección' }).click();
    await expect(summary).toContainText(
      'El Comité de Proyecto debe tener al menos 3 integrantes, con al menos uno del empleador, uno de la organización de trabajadores y uno del grupo postulante (tiene 2; falta: el grupo postulante).',
    );
    await page.getByRole('button', { name: 'Agregar integrante' }).click();
    await page.locator('#committee-2-name').fill('María Pérez Soto');
    await page.locator('#committee-2-rut').fill(rut(15_111_222));
    await page.locator('#committee-2-side').selectOption('grupo');
    await save(page);
    await page.reload();
    await page.waitForLoadState('networkidle');
    await expect(page.locator('#committee-0-rut')).toHaveValue(`11.111.111-${computeCheckDigit(11_111_111)}`);
    await expect(page.getByTestId('group-members-not-in-roster')).toHaveCount(0);
  });

  test('the sponsor dates the Gantt chart', async ({ page }) => {
    await signIn(page, demo.sponsor);
    await openSection(page, '/carta-gantt');
    while ((await page.getByRole('button', { name: /^Quitar hito/ }).count()) > 0) await page.getByRole('button', { name: /^Quitar hito/ }).last().click();
    await page.locator('#gantt-0-title').fill('Permiso de edificación');
    await page.locator('#gantt-0-startOn').fill('2027-01-10');
    await page.locator('#gantt-0-endOn').fill('2027-04-30');
    await page.getByRole('button', { name: 'Agregar hito' }).click();
    await page.locator('#gantt-1-title').fill('Construcción');
    await page.locator('#gantt-1-startOn').fill('2027-06-01');
    await page.locator('#gantt-1-endOn').fill('2027-05-01');
    await page.getByRole('button', { name: 'Guardar sección' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'Hay un problema' })).toContainText('Hito 2: La fecha de término no puede ser anterior a la de inicio.');
    await page.locator('#gantt-1-endOn').fill('2028-06-30');
    await save(page);
    await page.reload();
    await page.waitForLoadState('networkidle');
    await expect(page.locator('#gantt-1-title')).toHaveValue('Construcción');
    await page.goto(sectionPath());
    await expect(task(page, 'gantt')).toContainText(/Completo/i);
  });

  test('the land: a promise of sale arms the CBR deadline; the certificate’s date is the uploaded one', async ({ page }) => {
    await signIn(page, demo.employerRep);
    await openSection(page, '/terreno');

    await page.getByLabel('El empleador firmó una promesa de compraventa').check();
    await expect(page.getByTestId('cbr-deadline')).toContainText(
      'la escritura deberá inscribirse en el Conservador dentro de 90 días desde la publicación de la selección',
    );
    await page.getByLabel('Notaría').fill('44ª Notaría de Santiago');
    await page.getByLabel('El terreno es del empleador').check();
    await expect(page.getByTestId('cbr-deadline')).toHaveCount(0);

    await page.getByLabel('Dirección o ubicación del terreno').fill('Camino Las Vizcachas 1234, Puente Alto');
    await page.locator('#dominio-conservador').fill('Puente Alto');
    await page.locator('#dominio-fojas').fill('1234');
    await page.locator('#dominio-numero').fill('567');
    await page.locator('#dominio-anio').fill('19');
    // No date is typed here: it is the one entered with the uploaded certificate.
    await expect(page.locator('#dominio-certificateIssuedOn')).toHaveCount(0);
    await expect(page.getByTestId('certificate-age')).toContainText('como máximo 30 días');
    await page.getByRole('button', { name: 'Guardar sección' }).click();
    await expect(page.locator('#dominio-anio-error')).toContainText('El año de la inscripción debe tener 4 dígitos, entre 1900 y 2100.');
    await page.locator('#dominio-anio').fill('2019');
    await save(page);

    // Switching to the other alternative and back loses nothing typed.
    await page.getByLabel('El empleador firmó una promesa de compraventa').check();
    await expect(page.getByLabel('Notaría')).toHaveValue('44ª Notaría de Santiago');
    await page.getByLabel('El terreno es del empleador').check();
    await expect(page.locator('#dominio-fojas')).toHaveValue('1234');

    await expect(page.getByRole('link', { name: 'Documentos', exact: true }).last()).toHaveAttribute('href', sectionPath('/documentos'));
    await page.goto(sectionPath());
    await expect(task(page, 'terreno')).toContainText(/Completo/i);

    // The certificate uploaded with its issue date is what Terreno shows.
    await page.goto(sectionPath('/documentos'));
    const form = page.getByTestId('certificado_dominio-upload');
    await expect(form).toHaveAttribute('data-enhanced', 'true');
    await form.locator('input[type="file"]').setInputFiles({ name: 'dominio.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n') });
    await form.locator('input[type="date"]').fill(santiagoDate(3));
    await form.getByRole('button', { name: /^Subir/ }).click();
    await expect(page.getByTestId('certificado_dominio-uploaded')).toBeVisible();
    await page.goto(sectionPath('/terreno'));
    await expect(page.getByTestId('title-certificate')).toContainText('según el certificado subido en Documentos (dominio.pdf');
  });
});
