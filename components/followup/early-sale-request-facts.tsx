import { StatusTag } from '@/components/ui/status-tag';
import type { EarlySaleRequestDto } from '@/lib/dal/prohibitions';
import { formatUf } from '@/lib/format';
import { formatSantiagoDate, formatSantiagoDateTime } from '@/lib/santiago-time';

/**
 * What an early-sale request says and how it was decided, with the two housing-mobility conditions,
 * the same for the family and for SERVIU (the 2022 call, «Obligaciones y prohibiciones que afectan la vivienda»).
 */
export function EarlySaleRequestFacts({ request, heading: Heading }: { request: EarlySaleRequestDto; heading: 'h3' | 'h4' }) {
  const Sub = Heading === 'h3' ? 'h4' : 'h5';
  return (
    <>
      <Heading id={`solicitud-${request.id}`} className="text-lg font-bold">
        {request.dwellingLabel} · {request.familyName}
      </Heading>
      <p className="mt-1">
        {request.decision ? (
          <StatusTag tone={request.decision === 'rechazada' ? 'error' : 'ok'}>{request.decisionLabel}</StatusTag>
        ) : (
          <StatusTag tone="warn">Pendiente de decisión</StatusTag>
        )}
      </p>
      <dl className="mt-3 grid gap-x-4 gap-y-1 sm:grid-cols-[12rem_1fr]">
        <dt className="font-semibold">Presentada</dt>
        <dd>{formatSantiagoDateTime(request.requestedAt)}</dd>
        <dt className="font-semibold">Motivo</dt>
        <dd className="whitespace-pre-line break-words">{request.reason}</dd>
        <dt className="font-semibold">Quien compra</dt>
        <dd>
          {request.buyerProgrammeLabel}
          {request.buyerProgrammeName ? ` («${request.buyerProgrammeName}»)` : ''}
        </dd>
        <dt className="font-semibold">Precio para otra vivienda</dt>
        <dd className="break-words">{request.proceedsForNewDwelling ? `Sí: ${request.newDwellingDescription ?? ''}` : 'No'}</dd>
        {request.decision ? (
          <>
            <dt className="font-semibold">Fundamento</dt>
            <dd className="whitespace-pre-line break-words">{request.decisionReason}</dd>
            {request.restitutionUf ? (
              <>
                <dt className="font-semibold">Monto a restituir</dt>
                <dd>{formatUf(request.restitutionUf)}</dd>
              </>
            ) : null}
            <dt className="font-semibold">Resuelta</dt>
            <dd>
              {request.decidedAt ? formatSantiagoDate(request.decidedAt) : '—'}
              {request.decidedByName ? ` por ${request.decidedByName}` : ''}
            </dd>
          </>
        ) : null}
      </dl>
      <Sub className="mt-3 font-semibold">Opción de movilidad habitacional (sin restitución)</Sub>
      <ul className="mt-1 list-disc space-y-1 pl-6">
        {[request.mobility.conditionA, request.mobility.conditionB].map((c) => (
          <li key={c.id} className={c.ok ? 'text-ok-700' : 'text-err-700'}>
            {c.message}
          </li>
        ))}
      </ul>
      <p className="mt-1 text-sm text-slate-700">Fuente: {request.mobility.conditionA.source}.</p>
    </>
  );
}
