import type { ReactNode } from 'react';
import { StatusTag } from '@/components/ui/status-tag';
import type { Tone } from '@/components/ui/status-tag';
import type { ObservationDto, ObservationStatus } from '@/lib/dal/observations';
import { formatSantiagoDateTime } from '@/lib/santiago-time';

export const observationStatusView: Record<ObservationStatus, { label: string; tone: Tone }> = {
  borrador: { label: 'Borrador', tone: 'neutral' },
  abierta: { label: 'Sin responder', tone: 'warn' },
  respondida: { label: 'Respondida', tone: 'info' },
  aceptada: { label: 'Aceptada', tone: 'ok' },
  reiterada: { label: 'Reiterada', tone: 'error' },
};

const partyNames: Record<string, string> = {
  organizacion: 'la organización de trabajadores',
  empleador: 'el empleador',
  patrocinante: 'la entidad patrocinante',
  constructora: 'la constructora',
};

const targetKinds: Record<ObservationDto['target']['kind'], string> = {
  campo: 'Campo',
  documento: 'Documento',
  trabajador: 'Trabajador/a',
  general: 'Postulación',
};

/** One observation as both sides read it: severity, what it is about, the rule it cites, the answer. */
export function ObservationCard({ observation, children, headingLevel = 3 }: { observation: ObservationDto; children?: ReactNode; headingLevel?: 3 | 4 }) {
  const Heading = headingLevel === 3 ? 'h3' : 'h4';
  const status = observationStatusView[observation.status];
  const blocking = observation.severity === 'bloqueante';
  return (
    <article
      className={`rounded-md border-2 border-l-8 bg-white p-4 ${blocking ? 'border-err-700' : 'border-warn-800'}`}
      data-testid="observacion"
      data-severity={observation.severity}
      data-status={observation.status}
      aria-labelledby={`obs-${observation.id}-title`}
    >
      <div className="flex flex-wrap items-center gap-2">
        <StatusTag tone={blocking ? 'error' : 'warn'}>{blocking ? 'Bloqueante' : 'Advertencia'}</StatusTag>
        <StatusTag tone={status.tone}>{status.label}</StatusTag>
      </div>
      <Heading id={`obs-${observation.id}-title`} className="mt-2 text-lg font-bold break-words">
        <span className="sr-only">{blocking ? 'Observación bloqueante sobre ' : 'Advertencia sobre '}</span>
        {targetKinds[observation.target.kind]}: {observation.target.label}
      </Heading>
      <p className="mt-2 whitespace-pre-line break-words">{observation.message}</p>
      {observation.rule ? (
        <p className="mt-2 text-sm text-slate-700">
          <span className="font-semibold">Fundamento: </span>
          {observation.rule.source}
          {observation.rule.id ? <span className="ml-1 font-mono text-xs text-slate-600">[{observation.rule.id}]</span> : null}
        </p>
      ) : null}
      <p className="mt-1 text-sm text-slate-700">Responde: {observation.owners.map((p) => partyNames[p] ?? p).join(' o ')}.</p>
      {observation.answer ? (
        <div className="mt-3 rounded bg-slate-100 p-3">
          <p className="text-sm font-semibold">
            Respuesta{observation.answeredAt ? ` del ${formatSantiagoDateTime(observation.answeredAt)}` : ''}
          </p>
          <p className="mt-1 whitespace-pre-line break-words" data-testid="respuesta">
            {observation.answer}
          </p>
        </div>
      ) : null}
      {children}
    </article>
  );
}
