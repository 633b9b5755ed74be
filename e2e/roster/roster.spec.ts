import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect as baseExpect, test } from '@playwright/test';
import { computeCheckDigit, formatRut } from '../../lib/domain/rut';
import { newUnionApplication, openReady, randomRut, randomRutBody, withoutHotReload } from './union';

// A development server compiles each page on its first visit.
const expect = baseExpect.configure({ timeout: 120_000 });

const FIXTURE = path.join(import.meta.dirname, '../fixtures/roster/nomina-con-errores.csv');

/**
 * The fixture with every RUT body replaced by a fresh random one (the same body stays the same, so the
 * planted duplicate is still a duplicate, and the planted wrong check digit is still wrong). The shared
 * development database keeps earlier runs' rosters, and a RUT may be in one application per call only.
 */
function freshErrorsFixture(): { csv: Buffer; badRut: { shown: string; fixed: string } } {
  const text = readFileSync(FIXTURE, 'utf8');
  const bodies = new Map<string, number>();
  let badRut = { shown: '', fixed: '' };
  const out = text.replace(/^(\d{7,8})-([\dK])(?=,)/gm, (_match, body: string, dv: string) => {
    if (!bodies.has(body)) bodies.set(body, randomRutBody());
    const fresh = bodies.get(body)!;
    const right = computeCheckDigit(fresh);
    if (computeCheckDigit(body) === dv) return `${fresh}-${right}`;
    const wrong = right === '1' ? '2' : '1';
    badRut = { shown: formatRut(`${fresh}-${wrong}`), fixed: formatRut(`${fresh}-${right}`) };
    return `${fresh}-${wrong}`;
  });
  return { csv: Buffer.from(out, 'utf8'), badRut };
}

test.describe('nómina: importar, corregir, aceptar, exportar e incorporar', () => {
  // Each test signs up a union and creates its application first, on a server that may compile on the way.
  test.describe.configure({ timeout: 900_000 });
  test.beforeEach(async ({ context }) => {
    await withoutHotReload(context);
  });

  test('un dirigente importa la planilla con errores, la corrige en la grilla y un trabajador confirma con su enlace', async ({ page, browser }) => {
    const { applicationId } = await newUnionApplication(page, 'nomina');
    const base = `/portal/postulaciones/${applicationId}/nomina`;
    const { csv, badRut } = freshErrorsFixture();
    const grid = page.getByTestId('import-grid');
    const table = page.getByTestId('roster-table');

    await openReady(page, base);
    await expect(page.getByRole('heading', { name: 'Nómina de trabajadores' })).toBeVisible();
    await expect(page.getByText('La nómina aún no tiene trabajadores.')).toBeVisible();
    await page.getByRole('link', { name: 'Importar planilla (Excel o CSV)' }).click();
    await expect(page.getByRole('heading', { name: 'Importar la nómina desde una planilla' })).toBeVisible();
    await page.waitForLoadState('networkidle');

    // The template is there to download.
    const templateDownload = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Plantilla en Excel (.xlsx)' }).first().click();
    expect((await templateDownload).suggestedFilename()).toBe('plantilla-nomina.xlsx');

    await page.getByLabel('Planilla de la nómina').setInputFiles({ name: 'nomina-con-errores.csv', mimeType: 'text/csv', buffer: csv });
    await page.getByRole('button', { name: 'Subir y revisar' }).click();

    // The error report: per row and column, in Spanish; the 16 valid rows are kept.
    await expect(page.getByRole('heading', { name: 'Hay 4 filas con errores' })).toBeVisible();
    await expect(grid.locator('tbody tr')).toHaveCount(4);
    await expect(grid.getByText('El tramo 1 exige RSH hasta el 50%; el trabajador está en el tramo 70%.')).toBeVisible();
    await expect(grid.getByText(`El RUT ${badRut.shown} no es válido: el dígito verificador debería ser ${badRut.fixed.slice(-1)}.`)).toBeVisible();
    await expect(grid.getByText(/está repetido en la fila 13 de la nómina/)).toBeVisible();
    await expect(grid.getByText(/está repetido en la fila 9 de la nómina/)).toBeVisible();
    await expect(page.getByText('16 filas están correctas y quedan guardadas')).toBeVisible();
    await expect(page.getByLabel('RUT, fila 4')).toHaveAttribute('aria-invalid', 'true');

    // Fix the failing cells right there, with the keyboard, and validate on the server.
    const freshRut = randomRut();
    await page.getByLabel('Tramo RSH, fila 3').fill('50');
    await page.getByLabel('RUT, fila 4').fill(badRut.fixed);
    await page.getByLabel('RUT, fila 13').fill(freshRut);
    await page.getByLabel('RUT, fila 13').press('Enter');

    // Every row valid: what changes against the (empty) roster.
    await expect(page.getByText('Todas las filas son válidas.').first()).toBeVisible();
    await expect(page.getByTestId('import-diff')).toContainText('20 se agregan');
    await expect(page.getByTestId('diff-added')).toContainText('José Luis Muñoz Ñancupil');
    await expect(page.getByTestId('diff-added')).toContainText(freshRut);

    await page.getByRole('button', { name: 'Aceptar y reemplazar la nómina' }).click();
    await expect(page).toHaveURL(new RegExp(`${base}\\?aviso=importada`));
    await expect(page.getByRole('status').filter({ hasText: 'La planilla reemplazó la nómina' })).toContainText('20 agregados');
    await expect(table.locator('tbody tr')).toHaveCount(20);
    await expect(page.getByTestId('roster-summary')).toContainText('0 de 20 confirmaron su incorporación');
    await expect(table.getByRole('row', { name: /Andrés Rojas Díaz/ })).toContainText(badRut.fixed);

    // Export downloads a CSV (BOM, semicolons, CRLF) with the 20 workers.
    const exportDownload = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Nómina en CSV' }).click();
    const exported = await exportDownload;
    expect(exported.suggestedFilename()).toMatch(/^nomina-.+\.csv$/);
    const exportedText = readFileSync((await exported.path())!, 'utf8');
    expect(exportedText.startsWith('\uFEFFRUT;Nombres;Apellidos;')).toBe(true);
    expect(exportedText.trim().split('\r\n')).toHaveLength(21);
    expect(exportedText).toContain(freshRut);

    // A one-time link for one worker, copied by the leader.
    await table.getByRole('link', { name: 'José Luis Muñoz Ñancupil' }).click();
    await expect(page.getByRole('heading', { name: 'José Luis Muñoz Ñancupil' })).toBeVisible();
    await page.waitForLoadState('networkidle');
    await page.getByLabel(/Enviarlo también por correo/).uncheck();
    await page.getByRole('button', { name: 'Crear enlace de confirmación' }).click();
    const link = await page.getByTestId('incorporation-link').inputValue({ timeout: 120_000 });
    expect(link).toMatch(/\/incorporacion\/[A-Za-z0-9_-]{43}$/);

    // The worker confirms without an account; the page shows only the project and the first name.
    const anonymous = await browser.newContext();
    try {
      await withoutHotReload(anonymous);
      const workerPage = await anonymous.newPage();
      const linkPath = new URL(link).pathname;
      await openReady(workerPage, linkPath);
      await expect(workerPage.getByRole('heading', { level: 1 })).toHaveText('Hola, José');
      await expect(workerPage.getByTestId('project-summary')).toContainText('Tramo 1');
      await expect(workerPage.locator('main')).not.toContainText('Muñoz');
      await workerPage.getByRole('button', { name: 'Confirmar' }).click();
      await expect(workerPage.getByText('Marque la casilla para declarar que conoce el proyecto.').first()).toBeVisible();
      await workerPage.getByLabel('Declaro conocer el proyecto').check();
      await workerPage.getByRole('button', { name: 'Confirmar' }).click();
      await expect(workerPage.getByTestId('incorporation-confirmed')).toContainText('Gracias, José');
      await openReady(workerPage, linkPath);
      await expect(workerPage.getByRole('heading', { name: 'Este enlace ya fue usado' })).toBeVisible();
    } finally {
      await anonymous.close();
    }

    // The roster shows who confirmed and how.
    await openReady(page, base);
    await expect(table.getByRole('row', { name: /José Luis Muñoz Ñancupil/ })).toContainText('Confirmada en línea');
    await expect(page.getByTestId('roster-summary')).toContainText('1 de 20 confirmaron su incorporación');
  });

  test('quita de la importación las filas que no puede corregir, deshace, y acepta el resto', async ({ page }) => {
    const { applicationId } = await newUnionApplication(page, 'quitar');
    const base = `/portal/postulaciones/${applicationId}/nomina`;
    const { csv, badRut } = freshErrorsFixture();
    const grid = page.getByTestId('import-grid');
    await openReady(page, `${base}/importar`);
    await page.getByLabel('Planilla de la nómina').setInputFiles({ name: 'nomina-con-errores.csv', mimeType: 'text/csv', buffer: csv });
    await page.getByRole('button', { name: 'Subir y revisar' }).click();
    await expect(page.getByRole('heading', { name: 'Hay 4 filas con errores' })).toBeVisible();

    // The duplicate of row 9 goes: row 9 is fine again.
    await grid.getByRole('button', { name: 'Quitar fila 13' }).click();
    await expect(page.getByTestId('grid-status')).toContainText('Se quitó la fila 13 de la importación.');
    await expect(grid.locator('tbody tr')).toHaveCount(2);
    await expect(page.getByTestId('excluded-rows')).toContainText('Fila 13');
    // A worker who does not meet band 1 goes, comes back, and goes again.
    await grid.getByRole('button', { name: 'Quitar fila 3' }).click();
    await expect(grid.locator('tbody tr')).toHaveCount(1);
    await page.getByRole('button', { name: 'Volver a incluir la fila 3' }).click();
    await expect(grid.locator('tbody tr')).toHaveCount(2);
    await expect(grid.getByText('El tramo 1 exige RSH hasta el 50%; el trabajador está en el tramo 70%.')).toBeVisible();
    await grid.getByRole('button', { name: 'Quitar fila 3' }).click();
    await expect(grid.locator('tbody tr')).toHaveCount(1);
    // The last one is fixed in its cell.
    await page.getByLabel('RUT, fila 4').fill(badRut.fixed);
    await page.getByRole('button', { name: 'Validar correcciones' }).click();

    await expect(page.getByText('Todas las filas que quedan en la importación son válidas.')).toBeVisible();
    await expect(page.getByTestId('import-diff')).toContainText('18 se agregan');
    await expect(page.getByTestId('excluded-rows')).toContainText('No se importará.');
    await page.getByRole('button', { name: 'Aceptar y reemplazar la nómina' }).click();
    await expect(page).toHaveURL(new RegExp(`${base}\\?aviso=importada`));
    await expect(page.getByTestId('roster-table').locator('tbody tr')).toHaveCount(18);
  });

  test('agregar un trabajador valida el RUT con el dígito verificador y rechaza un RUT de otra postulación del llamado', async ({ page }) => {
    const { applicationId } = await newUnionApplication(page, 'agregar');
    await openReady(page, `/portal/postulaciones/${applicationId}/nomina/agregar`);
    await page.getByLabel('RUT').fill('12.345.678-9');
    await page.getByLabel('Nombres').fill('Juan Andrés');
    await page.getByLabel('Apellidos').fill('Pérez Soto');
    await page.getByLabel('Sí', { exact: true }).check();
    await page.getByLabel('Tramo del Registro Social de Hogares').selectOption('40');
    await page.getByLabel('Integrantes del hogar').fill('3');
    await page.getByLabel('Ingreso líquido mensual del hogar, en pesos').fill('850.000');
    await page.getByLabel('Ahorro total para la vivienda, en UF').fill('55,5');
    await page.getByLabel('Ahorro ya depositado, en UF').fill('30');
    await page.getByLabel('Tramo de la vivienda asignada').selectOption('1');
    // The optional household facts for the score, grouped apart; two ages for a household of three.
    const score = page.getByRole('group', { name: 'Puntaje (D.S. N°1, art. 65)' });
    await score.getByLabel('Edad de cada integrante del hogar').fill('34; 12');
    await score.getByLabel('Jefatura de hogar').selectOption('Monoparental');
    await score.getByLabel('Hacinamiento').selectOption('Crítico');
    await score.getByLabel('Tipo de vivienda actual').selectOption('Pieza');
    await score.getByLabel('Postulaciones anteriores').fill('2');
    await page.getByRole('button', { name: 'Agregar a la nómina' }).click();
    // Checked in the browser with the same schema as the server, next to the field and in the summary.
    await expect(page.getByRole('alert', { name: 'Hay un problema' })).toContainText('El RUT 12.345.678-9 no es válido: el dígito verificador debería ser 5');
    await expect(page.getByLabel('RUT')).toHaveAttribute('aria-invalid', 'true');

    // María Pérez Soto is in PVT-DEMO-0001, of the same call. Her RUT is valid, so the household facts are
    // checked against the household size next: two ages for three members.
    await page.getByLabel('RUT').fill(formatRut(`15111222-${computeCheckDigit(15_111_222)}`));
    await page.getByRole('button', { name: 'Agregar a la nómina' }).click();
    await expect(page.getByRole('alert', { name: 'Hay un problema' })).toContainText('Se indicaron 2 edades, pero el hogar tiene 3 integrantes');
    await expect(score.getByLabel('Edad de cada integrante del hogar')).toHaveAttribute('aria-invalid', 'true');
    await score.getByLabel('Edad de cada integrante del hogar').fill('34; 12; 7');

    // Now the server refuses María's RUT, and nothing typed is lost.
    await page.getByRole('button', { name: 'Agregar a la nómina' }).click();
    await expect(page.getByRole('alert', { name: 'Hay un problema' })).toContainText('ya figura en otra postulación de este llamado');
    await expect(page.getByLabel('Nombres')).toHaveValue('Juan Andrés');

    // The band's requirements are the import's: RSH 70% does not fit band 1, said next to the field.
    const fresh = randomRut();
    await page.getByLabel('RUT').fill(fresh);
    await page.getByLabel('Tramo del Registro Social de Hogares').selectOption('70');
    await page.getByRole('button', { name: 'Agregar a la nómina' }).click();
    await expect(page.locator('#worker-rshPercentile-error')).toContainText('El tramo 1 exige RSH hasta el 50%; el trabajador está en el tramo 70%.');
    await expect(page.getByRole('alert', { name: 'Hay un problema' })).toContainText('no cumple un requisito del tramo 1');
    await page.getByLabel('Tramo del Registro Social de Hogares').selectOption('40');
    await page.getByRole('button', { name: 'Agregar a la nómina' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Se agregó a Juan Andrés Pérez Soto a la nómina.' })).toBeVisible();
    await expect(page.getByTestId('roster-table')).toContainText(fresh);

    // The facts were stored with the worker and come back as typed.
    await page.getByTestId('roster-table').getByRole('link', { name: 'Juan Andrés Pérez Soto' }).first().click();
    const saved = page.getByRole('group', { name: 'Puntaje (D.S. N°1, art. 65)' });
    await expect(saved.getByLabel('Edad de cada integrante del hogar')).toHaveValue('34; 12; 7');
    await expect(saved.getByLabel('Jefatura de hogar')).toHaveValue('Monoparental');
    await expect(saved.getByLabel('Hacinamiento')).toHaveValue('Crítico');
    await expect(saved.getByLabel('Abastecimiento de agua')).toHaveValue('');
    await expect(saved.getByLabel('Postulaciones anteriores')).toHaveValue('2');

    // Removing asks first: «No, volver» keeps the worker, «Sí, quitar» takes them out of the draft.
    await page.getByRole('button', { name: 'Quitar de la nómina' }).click();
    const confirm = page.getByRole('dialog', { name: '¿Quitar a Juan Andrés Pérez Soto de la nómina?' });
    await expect(confirm).toBeVisible();
    await confirm.getByRole('button', { name: 'No, volver' }).click();
    await expect(confirm).toBeHidden();
    await page.getByRole('button', { name: 'Quitar de la nómina' }).click();
    await confirm.getByRole('button', { name: 'Sí, quitar' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Se quitó a Juan Andrés Pérez Soto de la nómina.' })).toBeVisible();
    await expect(page.getByText(fresh)).toHaveCount(0);
  });
});
