import type { ReactNode } from 'react';
import { VersionFacts } from '@/components/documents/document-slot-card';
import { documentHref } from '@/components/documents/format';
import type { FollowupDocumentSlot } from '@/lib/dal/followup-documents';

/**
 * The documents that back the committee's reports (permit, construction contract, progress), each with
 * its current version and the earlier ones; `uploadSlot` adds the upload form where the user may upload.
 */
export function FollowupDocuments({ slots, uploadSlot }: { slots: FollowupDocumentSlot[]; uploadSlot?: (slot: FollowupDocumentSlot) => ReactNode }) {
  return (
    <section aria-labelledby="documentos-seguimiento" className="space-y-3">
      <h2 id="documentos-seguimiento" className="text-2xl font-bold">
        Documentos del seguimiento
      </h2>
      <ul className="space-y-4">
        {slots.map((slot) => {
          const [current, ...older] = slot.versions;
          return (
            <li key={slot.id}>
              <section aria-labelledby={`seguimiento-${slot.id}`} className="rounded-lg border-2 border-slate-300 p-4" data-testid={`slot-${slot.id}`}>
                <h3 id={`seguimiento-${slot.id}`} className="text-lg font-bold">
                  {slot.label}
                </h3>
                <p className="mt-1 text-sm text-slate-700">{slot.description}</p>
                {current ? (
                  <div className="mt-3 rounded-md bg-slate-50 p-3">
                    <VersionFacts version={current} slotId={slot.id} />
                    <p className="mt-2">
                      <a className="inline-flex min-h-11 items-center font-semibold text-brand-700 underline underline-offset-4" href={documentHref(current.id)}>
                        Ver archivo<span className="sr-only">: {current.fileName}</span>
                      </a>
                      {older.length > 0 ? <span className="ml-3 text-sm text-slate-700">y {older.length} versión(es) anterior(es) conservada(s)</span> : null}
                    </p>
                  </div>
                ) : (
                  <p className="mt-3 text-slate-700">Todavía no se ha subido ningún archivo.</p>
                )}
                {slot.canUpload && uploadSlot ? <div className="mt-3">{uploadSlot(slot)}</div> : null}
              </section>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
