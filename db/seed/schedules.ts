import { endOfSantiagoDay, santiagoDayOffset, santiagoInstant } from '../../lib/santiago-time';

export interface ScheduleStep {
  code: string;
  title: string;
  description: string;
  responsible: string;
  startsAt: Date | null;
  endsAt: Date;
}

/**
 * The 2022 pilot's public cronograma (the 2022 call, "Cronograma Llamado 2022"): its steps, end dates and
 * responsible parties as published. The seed gives most steps only an end ("hasta el…"); each such
 * step is shown as starting the day after the previous one ends.
 */
export function schedule2022(): ScheduleStep[] {
  return [
    step('difusion', 'Difusión del llamado', 'Difusión del llamado con empresas y con asociaciones gremiales o sindicatos de trabajadores.', 'SERVIU - SEREMI', [2022, 7, 20], [2022, 8, 25]),
    step('mesas_tecnicas', 'Mesas técnicas', 'Mesas técnicas de proyectos y coordinación con SERVIU para el chequeo preliminar de antecedentes de los postulantes.', 'SERVIU - SEREMI, trabajadores postulantes y su empleador', [2022, 8, 26], [2022, 11, 29]),
    step('cierre', 'Cierre de postulación', 'Fecha de cierre para la presentación de proyectos y nómina de trabajadores postulantes.', 'Trabajadores postulantes y su empleador', [2022, 11, 30], [2022, 11, 30]),
    step('revision', 'Revisión de antecedentes (RUKAN)', 'SERVIU revisa los antecedentes de cada postulación.', 'SERVIU', [2022, 12, 1], [2022, 12, 13]),
    step('observaciones', 'Observaciones y revisión de ingresos (SII)', 'SERVIU formula observaciones a los proyectos y envía al SII los antecedentes de las familias para verificar el ingreso máximo.', 'SERVIU / MINVU', [2022, 12, 13], [2022, 12, 14]),
    step('subsanacion', 'Subsanación de observaciones', 'Subsanación de observaciones de proyectos y nómina de postulantes.', 'Trabajadores postulantes y su empleador', [2022, 12, 15], [2022, 12, 27]),
    step('revision_subsanacion', 'Revisión de subsanaciones y reemplazos', 'Revisión de la subsanación de observaciones e ingreso de reemplazantes.', 'SERVIU – SEREMI', [2022, 12, 28], [2022, 12, 30]),
    step('aprobacion_tecnica', 'Aprobación técnica', 'Aprobación técnica de los proyectos por parte de SERVIU.', 'SERVIU', [2023, 1, 2], [2023, 1, 6]),
    step('seleccion', 'Selección', 'Selección de los grupos de trabajadores y sus proyectos, según puntaje y recursos del llamado.', 'MINVU', [2023, 1, 9], [2023, 1, 20]),
    step('inicio_obras', 'Inicio de obras', 'Inicio de obras de los proyectos seleccionados.', 'Trabajadores postulantes y su empleador - constructoras', [2023, 1, 23], [2023, 7, 31]),
  ];
}

/**
 * An open demo call laid out around the day the data is seeded, so every journey can be tried today:
 * the call closes three weeks from now and the later steps follow in the pilot's rhythm.
 */
export function scheduleAround(today: Date): ScheduleStep[] {
  const d = (offset: number) => {
    const x = santiagoDayOffset(today, offset);
    return [x.year, x.month, x.day] as const;
  };
  return [
    step('difusion', 'Difusión del llamado', 'Difusión del llamado con empresas y con asociaciones gremiales o sindicatos de trabajadores.', 'SERVIU - SEREMI', d(-45), d(-10)),
    step('mesas_tecnicas', 'Mesas técnicas', 'Mesas técnicas de proyectos y coordinación con SERVIU para el chequeo preliminar de antecedentes de los postulantes.', 'SERVIU - SEREMI, trabajadores postulantes y su empleador', d(-9), d(20)),
    step('cierre', 'Cierre de postulación', 'Fecha de cierre para la presentación de proyectos y nómina de trabajadores postulantes.', 'Trabajadores postulantes y su empleador', d(21), d(21)),
    step('revision', 'Revisión de antecedentes', 'SERVIU revisa los antecedentes de cada postulación.', 'SERVIU', d(22), d(34)),
    step('observaciones', 'Observaciones y revisión de ingresos (SII)', 'SERVIU formula observaciones a los proyectos y envía al SII los antecedentes de las familias para verificar el ingreso máximo.', 'SERVIU / MINVU', d(34), d(35)),
    step('subsanacion', 'Subsanación de observaciones', 'Subsanación de observaciones de proyectos y nómina de postulantes.', 'Trabajadores postulantes y su empleador', d(36), d(48)),
    step('revision_subsanacion', 'Revisión de subsanaciones y reemplazos', 'Revisión de la subsanación de observaciones e ingreso de reemplazantes.', 'SERVIU – SEREMI', d(49), d(51)),
    step('aprobacion_tecnica', 'Aprobación técnica', 'Aprobación técnica de los proyectos por parte de SERVIU.', 'SERVIU', d(52), d(58)),
    step('seleccion', 'Selección', 'Selección de los grupos de trabajadores y sus proyectos, según puntaje y recursos del llamado.', 'MINVU', d(59), d(72)),
    step('inicio_obras', 'Inicio de obras', 'Inicio de obras de los proyectos seleccionados.', 'Trabajadores postulantes y su empleador - constructoras', d(73), d(250)),
  ];
}

function step(
  code: string,
  title: string,
  description: string,
  responsible: string,
  start: readonly [number, number, number],
  end: readonly [number, number, number],
): ScheduleStep {
  return {
    code,
    title,
    description,
    responsible,
    startsAt: santiagoInstant(start[0], start[1], start[2]),
    endsAt: endOfSantiagoDay(end[0], end[1], end[2]),
  };
}
