import type { ReactNode } from 'react';
import { StatusTag } from '@/components/ui/status-tag';
import type { Tone } from '@/components/ui/status-tag';
import type { DocumentSlotView, DocumentVersionDto } from '@/lib/dal/documents';
import { formatCalendarDate } from '@/lib/domain/document-slots';
import { CopyButton } from './copy-button';
import { documentHref, formatFileSize, formatUploadedAt, shortHash } from './format';

export const documentOwnerLabels: Record<DocumentSlotView['owner'], string> = {
  organizacion: 'Organización de trabajadores',
  empleador: 'Empleador',
  patrocinante: 'Entidad patrocinante',
  constructora: 'Constructora',
};

type SlotState = 'listo' | 'falta' | 'problema' | 'opcional' | 'no_aplica';

const stateView: Record<SlotState, { label: string; tone: Tone }> = {
  listo: { label: 'Listo', tone: 'ok' },
  falta: { label: 'Falta', tone: 'warn' },
  problema: { label: 'Con problema', tone: 'error' },
  opcional: { label: 'Opcional', tone: 'neutral' },
  no_aplica: { label: 'No se exige', tone: 'neutral' },
};

export function slotState(slot: DocumentSlotView): SlotState {
  if (!slot.applicable) return 'no_aplica';
  if (!slot.ok) return slot.current ? 'problema' : 'falta';
  if (!slot.current) return 'opcional';
  return 'listo';
}

export function VersionFacts({ version, slotId }: { version: DocumentVersionDto; slotId: string }) {
  return (
    <dl className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-3 gap-y-1 text-sm">
      <dt className="font-semibold">Archivo</dt>
      <dd className="break-words" data-testid={`${slotId}-file-name`}>
        {version.fileName}
      </dd>
      <dt className="font-semibold">Versión</dt>
      <dd data-testid={`${slotId}-version`}>{version.version}</dd>
      <dt className="font-semibold">Tamaño</dt>
      <dd>{formatFileSize(version.sizeBytes)}</dd>
      <dt className="font-semibold">Subido</dt>
      <dd>
        {formatUploadedAt(version.uploadedAt)}
        {version.uploadedByName ? ` por ${version.uploadedByName}` : ''}
      </dd>
      {version.issuedOn ? (
        <>
          <dt className="font-semibold">Emitido</dt>
          <dd>{formatCalendarDate(version.issuedOn)}</dd>
        </>
      ) : null}
      <dt className="font-semibold">
        <abbr title="Huella digital del archivo: cambia si cambia un solo byte">SHA-256</abbr>
      </dt>
      <dd>
        <code className="font-mono" title={version.sha256}>
          {shortHash(version.sha256)}…
        </code>
        <details className="mt-1">
          <summary className="cursor-pointer text-brand-700 underline underline-offset-4">Ver huella completa</summary>
          <code className="mt-1 block break-all rounded bg-slate-100 p-2 font-mono text-xs" data-testid={`${slotId}-sha256`}>
            {version.sha256}
          </code>
          <div className="mt-1">
            <CopyButton text={version.sha256} label="Copiar huella" />
          </div>
        </details>
      </dd>
    </dl>
  );
}

/**
 * One document slot: what it is, who brings it, its rule and state, the current version with links,
 * earlier versions, and (as children) the upload form when this user may upload.
 */
export function DocumentSlotCard({ slot, children, footer }: { slot: DocumentSlotView; children?: ReactNode; footer?: ReactNode }) {
  const state = slotState(slot);
  const titleId = `slot-${slot.slot}-title`;
  const [current, ...older] = slot.versions;
  return (
    <section
      aria-labelledby={titleId}
      className={`rounded-lg border-2 p-4 ${state === 'problema' ? 'border-err-700' : state === 'falta' ? 'border-warn-800/60' : 'border-slate-300'}`}
      data-testid={`slot-${slot.slot}`}
    >
      <div className="flex flex-wrap items-start justify-between gap-2">
        <h3 id={titleId} className="text-lg font-bold">
          {slot.label}
        </h3>
        <span data-testid={`${slot.slot}-state`}>
          <StatusTag tone={stateView[state].tone}>{stateView[state].label}</StatusTag>
        </span>
      </div>
      <p className="mt-1 text-sm text-slate-700">
        Lo sube: <strong>{documentOwnerLabels[slot.owner]}</strong>
        {slot.slot === 'otros' ? ' (o cualquiera de las organizaciones de la postulación)' : ''}
      </p>
      <p className="mt-2">{slot.rule}</p>
      <details className="mt-1 text-sm">
        <summary className="cursor-pointer text-brand-700 underline underline-offset-4">Qué debe contener</summary>
        <p className="mt-1">{slot.description}</p>
        <p className="mt-1 text-xs text-slate-600">Fuente: {slot.source}.</p>
      </details>
      {slot.problem ? (
        <p className="mt-3 border-l-4 border-err-700 bg-err-50 p-2 font-semibold text-err-700" data-testid={`${slot.slot}-problem`}>
          <span className="sr-only">Problema: </span>
          {slot.problem}
        </p>
      ) : null}
      {slot.note ? <p className="mt-3 border-l-4 border-ok-700 bg-ok-50 p-2 text-sm">{slot.note}</p> : null}

      {current ? (
        <div className="mt-4 rounded-md bg-slate-50 p-3">
          <h4 className="mb-2 font-semibold">Versión vigente</h4>
          <VersionFacts version={current} slotId={slot.slot} />
          <p className="mt-3 flex flex-wrap gap-x-4 gap-y-2">
            <a className="inline-flex min-h-11 items-center font-semibold text-brand-700 underline underline-offset-4" href={documentHref(current.id)} data-testid={`${slot.slot}-view`}>
              Ver archivo<span className="sr-only">: {current.fileName}</span>
            </a>
            <a className="inline-flex min-h-11 items-center gap-1 font-semibold text-brand-700 underline underline-offset-4" href={documentHref(current.id, { download: true })} download={current.fileName}>
              Descargar<span className="sr-only"> {current.fileName}</span>
              <span>({formatFileSize(current.sizeBytes)})</span>
            </a>
          </p>
        </div>
      ) : (
        <p className="mt-4 text-slate-700">Todavía no se ha subido ningún archivo.</p>
      )}

      {older.length > 0 ? (
        <details className="mt-3" data-testid={`${slot.slot}-history`}>
          <summary className="cursor-pointer font-semibold text-brand-700 underline underline-offset-4">
            Versiones anteriores ({older.length})
          </summary>
          <ol className="mt-2 space-y-3">
            {older.map((version) => (
              <li key={version.id} className="border-l-4 border-slate-300 pl-3">
                <VersionFacts version={version} slotId={`${slot.slot}-v${version.version}`} />
                <a className="inline-flex min-h-11 items-center text-brand-700 underline underline-offset-4" href={documentHref(version.id)}>
                  Ver versión {version.version}
                  <span className="sr-only">: {version.fileName}</span>
                </a>
              </li>
            ))}
          </ol>
        </details>
      ) : null}

      {children ? <div className="mt-4 border-t border-slate-300 pt-4">{children}</div> : null}
      {footer ? <p className="mt-4 text-sm text-slate-700">{footer}</p> : null}
    </section>
  );
}
