import { formatChileDate, formatChileDateTime } from '@/lib/pdf/chile-time';

/** A ready-to-send mail body; pass it to `Mailer.send` with the recipients. */
export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

const PORTAL_NAME = 'Portal de Vivienda para Organizaciones de Trabajadores';

export function escapeHtml(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** Only absolute http(s) links go into a mail: a `javascript:` or relative link is a bug upstream. */
function checkedUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`Mail link is not an absolute URL: ${JSON.stringify(url)}`);
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    throw new Error(`Mail link must be http(s): ${JSON.stringify(url)}`);
  }
  return parsed.href;
}

function oneLine(value: string): string {
  return value.replace(/\s+/g, ' ').trim();
}

/** Every template fills this one shape, so the text and HTML versions always say the same thing. */
interface MailContent {
  subject: string;
  heading: string;
  paragraphs: string[];
  facts?: [label: string, value: string][];
  action: { label: string; url: string };
  closing?: string[];
}

function render(content: MailContent): RenderedMail {
  const url = checkedUrl(content.action.url);
  const closing = content.closing ?? [];
  const footer = `Este mensaje fue enviado automáticamente por el ${PORTAL_NAME}. No responda a este correo.`;

  const text = [
    content.heading,
    '',
    ...content.paragraphs.flatMap((paragraph) => [paragraph, '']),
    ...(content.facts?.length ? [...content.facts.map(([label, value]) => `${label}: ${value}`), ''] : []),
    `${content.action.label}: ${url}`,
    '',
    ...closing.flatMap((paragraph) => [paragraph, '']),
    '--',
    footer,
    '',
  ].join('\n');

  const p = (value: string) => `<p style="margin:0 0 16px">${escapeHtml(value)}</p>`;
  const facts = content.facts?.length
    ? `<table role="presentation" style="border-collapse:collapse;margin:0 0 16px">${content.facts
        .map(
          ([label, value]) =>
            `<tr><th scope="row" style="text-align:left;padding:4px 16px 4px 0;vertical-align:top">${escapeHtml(label)}</th><td style="padding:4px 0">${escapeHtml(value)}</td></tr>`,
        )
        .join('')}</table>`
    : '';
  const html = [
    '<!doctype html>',
    '<html lang="es-CL">',
    `<head><meta charset="utf-8"><title>${escapeHtml(content.subject)}</title></head>`,
    '<body style="margin:0;padding:24px;background:#f4f5f7;font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;color:#1b1b1b">',
    '<div style="max-width:600px;margin:0 auto;background:#ffffff;padding:24px;border-top:4px solid #0f69b4">',
    `<p style="margin:0 0 8px;font-size:13px;color:#4a4a4a">${escapeHtml(PORTAL_NAME)}</p>`,
    `<h1 style="margin:0 0 16px;font-size:22px">${escapeHtml(content.heading)}</h1>`,
    ...content.paragraphs.map(p),
    facts,
    `<p style="margin:0 0 16px"><a href="${escapeHtml(url)}" style="display:inline-block;background:#0f69b4;color:#ffffff;padding:10px 18px;text-decoration:none;border-radius:4px">${escapeHtml(content.action.label)}</a></p>`,
    `<p style="margin:0 0 16px;font-size:13px;color:#4a4a4a">Si el botón no funciona, copie este enlace en su navegador: <a href="${escapeHtml(url)}">${escapeHtml(url)}</a></p>`,
    ...closing.map(p),
    `<p style="margin:24px 0 0;font-size:12px;color:#4a4a4a">${escapeHtml(footer)}</p>`,
    '</div>',
    '</body>',
    '</html>',
  ].join('\n');

  return { subject: oneLine(content.subject), text, html };
}

export interface ApplicationSubmittedMailData {
  /** The application number printed on the comprobante, e.g. `PVT-2026-000123`. */
  applicationNumber: string;
  projectName: string;
  callName: string;
  organizationName: string;
  submittedAt: Date;
  /** Where the comprobante can be downloaded. */
  url: string;
}

export function applicationSubmittedMail(data: ApplicationSubmittedMailData): RenderedMail {
  return render({
    subject: `Postulación ${data.applicationNumber} enviada`,
    heading: 'Recibimos su postulación',
    paragraphs: [
      `La postulación «${data.projectName}» de ${data.organizationName} fue enviada al ${data.callName}. SERVIU revisará los antecedentes y le avisaremos por este medio si hay observaciones.`,
    ],
    facts: [
      ['Número de postulación', data.applicationNumber],
      ['Fecha y hora de envío', formatChileDateTime(data.submittedAt)],
    ],
    action: { label: 'Descargar el comprobante de postulación', url: data.url },
    closing: ['Guarde el comprobante: en él figuran los documentos presentados y un código para verificar su autenticidad.'],
  });
}

export interface ObservationsSentMailData {
  applicationNumber: string;
  projectName: string;
  observationCount: number;
  deadline: Date;
  url: string;
}

export function observationsSentMail(data: ObservationsSentMailData): RenderedMail {
  const count =
    data.observationCount === 1 ? 'una observación' : `${data.observationCount} observaciones`;
  return render({
    subject: `Observaciones a la postulación ${data.applicationNumber}: plazo hasta el ${formatChileDateTime(data.deadline)}`,
    heading: 'Su postulación tiene observaciones',
    paragraphs: [
      `SERVIU revisó la postulación «${data.projectName}» y formuló ${count}. Para continuar en el proceso, responda cada observación y adjunte los antecedentes corregidos dentro del plazo.`,
    ],
    facts: [
      ['Número de postulación', data.applicationNumber],
      ['Plazo para subsanar', formatChileDateTime(data.deadline)],
    ],
    action: { label: 'Ver las observaciones', url: data.url },
    closing: ['El portal no recibe respuestas después de la fecha y hora indicadas.'],
  });
}

export interface ApplicationStatusChangedMailData {
  applicationNumber: string;
  projectName: string;
  /** The new state as a person reads it, e.g. `Aprobada técnicamente`. */
  statusLabel: string;
  /** Why: every change of state carries its reason. */
  reason: string;
  changedAt: Date;
  url: string;
}

export function applicationStatusChangedMail(data: ApplicationStatusChangedMailData): RenderedMail {
  const reason = data.reason.trim();
  return render({
    subject: `Postulación ${data.applicationNumber}: ${data.statusLabel}`,
    heading: 'Cambió el estado de su postulación',
    paragraphs: [`La postulación «${data.projectName}» cambió de estado a «${data.statusLabel}».`],
    facts: [
      ['Número de postulación', data.applicationNumber],
      ['Nuevo estado', data.statusLabel],
      ['Motivo', reason],
      ['Fecha del cambio', formatChileDateTime(data.changedAt)],
    ],
    action: { label: 'Ver la postulación', url: data.url },
  });
}

export interface InvitationMailData {
  inviterName: string;
  organizationName: string;
  projectName: string;
  /** The part the invitee is asked to play, e.g. `representante del empleador`. */
  roleLabel: string;
  expiresAt: Date;
  url: string;
}

export function invitationMail(data: InvitationMailData): RenderedMail {
  return render({
    subject: `Invitación a participar en la postulación «${data.projectName}»`,
    heading: 'Le invitaron a una postulación',
    paragraphs: [
      `${data.inviterName}, de ${data.organizationName}, le invita a participar como ${data.roleLabel} en la postulación «${data.projectName}».`,
      'Para aceptar, ingrese con el enlace de abajo. Si no esperaba esta invitación, puede ignorar este correo.',
    ],
    facts: [['La invitación vence el', formatChileDateTime(data.expiresAt)]],
    action: { label: 'Aceptar la invitación', url: data.url },
  });
}

export interface EmailVerificationMailData {
  name: string;
  url: string;
  /** How long the link works. */
  hours: number;
}

/** A worker confirms that the address is theirs: with it, their roster row (same address) opens. */
export function emailVerificationMail(data: EmailVerificationMailData): RenderedMail {
  return render({
    subject: 'Confirme su correo en el portal',
    heading: 'Confirme su correo',
    paragraphs: [
      `Hola, ${data.name}. Para ver la postulación en que figura, confirme que este correo es suyo con el enlace de abajo.`,
      `Su organización debe haber registrado este mismo correo en su fila de la nómina; si registró otro, pídale que lo corrija. También puede ingresar con ClaveÚnica. El enlace vale ${data.hours} horas. Si usted no creó una cuenta, ignore este correo.`,
    ],
    facts: [],
    action: { label: 'Confirmar mi correo', url: data.url },
  });
}

export interface MilestoneMailData {
  /** `due`: the date is near; `overdue`: it has passed without the milestone being reported. */
  kind: 'due' | 'overdue';
  applicationNumber: string;
  projectName: string;
  milestoneName: string;
  dueAt: Date;
  url: string;
}

export function milestoneMail(data: MilestoneMailData): RenderedMail {
  const due = formatChileDateTime(data.dueAt);
  const overdue = data.kind === 'overdue';
  return render({
    subject: overdue
      ? `Hito vencido: ${data.milestoneName} (postulación ${data.applicationNumber})`
      : `Hito próximo a vencer: ${data.milestoneName} (postulación ${data.applicationNumber})`,
    heading: overdue ? 'Un hito del proyecto está vencido' : 'Se acerca la fecha de un hito del proyecto',
    paragraphs: [
      overdue
        ? `El hito «${data.milestoneName}» del proyecto «${data.projectName}» venció el ${due} y aún no ha sido informado. Infórmelo cuanto antes o explique a SERVIU el motivo del atraso.`
        : `El hito «${data.milestoneName}» del proyecto «${data.projectName}» vence el ${due}. Recuerde informarlo en el portal con sus respaldos.`,
    ],
    facts: [
      ['Número de postulación', data.applicationNumber],
      ['Hito', data.milestoneName],
      ['Fecha comprometida', due],
    ],
    action: { label: 'Informar el hito', url: data.url },
  });
}

export interface MilestoneOverdueNoticeMailData {
  applicationNumber: string;
  projectName: string;
  milestoneName: string;
  dueAt: Date;
  url: string;
}

/**
 * The overdue milestone as SERVIU of the region reads it: the committee is asked to report, the
 * officials to follow it up, so they get a text of their own.
 */
export function milestoneOverdueNoticeMail(data: MilestoneOverdueNoticeMailData): RenderedMail {
  const due = formatChileDateTime(data.dueAt);
  return render({
    subject: `Hito vencido sin informar: ${data.milestoneName} (postulación ${data.applicationNumber})`,
    heading: 'Un proyecto de su región tiene un hito vencido',
    paragraphs: [
      `El hito «${data.milestoneName}» del proyecto «${data.projectName}» venció el ${due} y no consta cumplido en el portal. Revise el seguimiento del proyecto y, si corresponde, pida al Comité que lo informe o explique el atraso.`,
    ],
    facts: [
      ['Número de postulación', data.applicationNumber],
      ['Hito', data.milestoneName],
      ['Fecha comprometida', due],
    ],
    action: { label: 'Ver el seguimiento del proyecto', url: data.url },
  });
}

export interface ReportAwaitingVerificationMailData {
  applicationNumber: string;
  projectName: string;
  /** What the committee reported, as a person reads it (a Gantt milestone's title or the report's kind). */
  reportName: string;
  /** The day the committee says it happened, as `dd-mm-aaaa`. */
  reportedOnText: string;
  /** Reported progress, for a monthly progress report. */
  progressText: string | null;
  url: string;
}

/**
 * A committee report waiting for SERVIU's site verification: the instalments of the bridge loan and the
 * timeline only move on the verified figure, so the region's officials are told it is their turn.
 */
export function reportAwaitingVerificationMail(data: ReportAwaitingVerificationMailData): RenderedMail {
  return render({
    subject: `Reporte por verificar: ${data.reportName} (postulación ${data.applicationNumber})`,
    heading: 'El Comité de un proyecto de su región informó un avance',
    paragraphs: [
      `El Comité del proyecto «${data.projectName}» informó «${data.reportName}» con fecha ${data.reportedOnText}. Queda pendiente la verificación en terreno del SERVIU: hasta entonces no cuenta para el cronograma ni libera cuotas del préstamo de enlace.`,
    ],
    facts: [
      ['Número de postulación', data.applicationNumber],
      ['Reporte', data.reportName],
      ['Fecha informada', data.reportedOnText],
      ...(data.progressText ? ([['Avance informado', data.progressText]] as [string, string][]) : []),
    ],
    action: { label: 'Verificar en el seguimiento del proyecto', url: data.url },
  });
}

export interface GuaranteeExpiryMailData {
  /** `due`: the guarantee expires soon; `expired`: its last day has passed. */
  kind: 'due' | 'expired';
  applicationNumber: string;
  projectName: string;
  /** The instrument as a person reads it, e.g. `Boleta de garantía bancaria`. */
  guaranteeKindLabel: string;
  /** The guaranteed amount as shown, e.g. `4.000 UF`. */
  amountLabel: string;
  /** Last instant the guarantee covers (end of its day in Chile). */
  expiresAt: Date;
  url: string;
}

/**
 * The builder's guarantee of the bridge loan (the 2022 call, «Préstamos»: boleta bancaria or certificado de
 * fianza) is about to lapse: it must be renewed while the loan is outstanding.
 */
export function guaranteeExpiryMail(data: GuaranteeExpiryMailData): RenderedMail {
  const expires = formatChileDate(data.expiresAt);
  const expired = data.kind === 'expired';
  return render({
    subject: expired
      ? `Garantía vencida del préstamo de enlace (postulación ${data.applicationNumber})`
      : `La garantía del préstamo de enlace vence el ${expires} (postulación ${data.applicationNumber})`,
    heading: expired ? 'La garantía del préstamo de enlace está vencida' : 'La garantía del préstamo de enlace está por vencer',
    paragraphs: [
      expired
        ? `La garantía que la constructora entregó por el préstamo de enlace del proyecto «${data.projectName}» venció el ${expires}. El préstamo queda sin caución: la constructora debe renovarla y SERVIU, recibir la nueva garantía.`
        : `La garantía que la constructora entregó por el préstamo de enlace del proyecto «${data.projectName}» vence el ${expires}. Para que el préstamo siga caucionado, la constructora debe renovarla antes de esa fecha y entregarla a SERVIU.`,
    ],
    facts: [
      ['Número de postulación', data.applicationNumber],
      ['Garantía', data.guaranteeKindLabel],
      ['Monto garantizado', data.amountLabel],
      [expired ? 'Venció el' : 'Vence el', expires],
    ],
    action: { label: 'Ver el préstamo de enlace', url: data.url },
  });
}

export interface IncorporationLinkMailData {
  /** The worker's first name only: the mail goes to an address the union typed in. */
  firstName: string;
  projectName: string;
  organizationName: string;
  expiresAt: Date;
  url: string;
}

/** The one-time link a worker uses to declare that they know the project (formulario de incorporación). */
export function incorporationLinkMail(data: IncorporationLinkMailData): RenderedMail {
  return render({
    subject: `Confirme que conoce el proyecto «${data.projectName}»`,
    heading: `Hola, ${data.firstName}`,
    paragraphs: [
      `${data.organizationName} le incluyó en la nómina de trabajadores del proyecto de vivienda «${data.projectName}», que postula al Programa de Vivienda para Organizaciones de Trabajadores.`,
      'Para completar su formulario de incorporación, abra el enlace, revise el resumen del proyecto y confirme que lo conoce. No necesita crear una cuenta.',
    ],
    facts: [['El enlace vence el', formatChileDateTime(data.expiresAt)]],
    action: { label: 'Revisar y confirmar', url: data.url },
    closing: ['El enlace sirve una sola vez. Si no sabe de qué se trata, consulte a la directiva de su organización antes de confirmar.'],
  });
}

export interface ProhibitionMailData {
  /**
   * `registrada`: SERVIU recorded the dwelling's CBR inscription and the prohibition's end;
   * `solicitud`: the family asked to sell before the end; `decision`: the director decided.
   */
  kind: 'registrada' | 'solicitud' | 'decision';
  applicationNumber: string;
  projectName: string;
  dwellingLabel: string;
  /** Last day of the prohibition, "dd-mm-aaaa". */
  endsOn: string;
  /** For `decision`: the decision as a person reads it, its reason and, for restitution, the UF to restitute. */
  decisionLabel?: string;
  decisionReason?: string;
  restitution?: string;
  url: string;
}

/** The dwelling prohibition (the 2022 call, «Obligaciones y prohibiciones que afectan la vivienda»). */
export function prohibitionMail(data: ProhibitionMailData): RenderedMail {
  const base: [string, string][] = [
    ['Número de postulación', data.applicationNumber],
    ['Vivienda', data.dwellingLabel],
    ['Prohibición vigente hasta el', data.endsOn],
  ];
  if (data.kind === 'registrada')
    return render({
      subject: `Prohibición de la vivienda ${data.dwellingLabel} registrada (postulación ${data.applicationNumber})`,
      heading: 'Quedó registrada la prohibición de su vivienda',
      paragraphs: [
        `SERVIU registró la inscripción en el Conservador de Bienes Raíces de la vivienda «${data.dwellingLabel}» del proyecto «${data.projectName}».`,
        `Hasta el ${data.endsOn}, la vivienda debe ser habitada por la familia beneficiaria y no puede venderse, arrendarse ni cederse sin autorización del Director SERVIU.`,
      ],
      facts: base,
      action: { label: 'Ver las prohibiciones', url: data.url },
    });
  if (data.kind === 'solicitud')
    return render({
      subject: `Solicitud de venta anticipada: vivienda ${data.dwellingLabel} (postulación ${data.applicationNumber})`,
      heading: 'Hay una solicitud de venta anticipada',
      paragraphs: [
        `Se solicitó autorización para vender la vivienda «${data.dwellingLabel}» del proyecto «${data.projectName}» antes del término de la prohibición. La decisión corresponde al Director SERVIU.`,
      ],
      facts: base,
      action: { label: 'Ver la solicitud', url: data.url },
    });
  const reason = data.decisionReason?.trim();
  return render({
    subject: `Decisión sobre la venta anticipada de la vivienda ${data.dwellingLabel}: ${data.decisionLabel ?? ''}`,
    heading: 'El Director SERVIU resolvió la solicitud de venta anticipada',
    paragraphs: [`La solicitud de venta anticipada de la vivienda «${data.dwellingLabel}» del proyecto «${data.projectName}» fue resuelta.`],
    facts: [
      ...base,
      ['Decisión', data.decisionLabel ?? ''],
      ...(data.restitution ? ([['Monto a restituir', data.restitution]] as [string, string][]) : []),
      ...(reason ? ([['Fundamento', reason]] as [string, string][]) : []),
    ],
    action: { label: 'Ver la decisión', url: data.url },
  });
}
