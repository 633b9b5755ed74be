import { StatusTag } from '@/components/ui/status-tag';
import type { Tone } from '@/components/ui/status-tag';
import type { AntecedentGroup, AntecedentState } from '@/lib/dal/review';
import { DocumentViewer } from './document-viewer';

const stateView: Record<AntecedentState, { label: string; tone: Tone; border: string }> = {
  presente: { label: 'Presente', tone: 'ok', border: 'border-ok-700' },
  falta: { label: 'Falta', tone: 'error', border: 'border-err-700' },
  problema: { label: 'Con problema', tone: 'warn', border: 'border-warn-800' },
};

/** The file's antecedents, each marked present, missing or with a problem, with its documents to open. */
export function AntecedentChecklist({ groups }: { groups: AntecedentGroup[] }) {
  return (
    <div className="space-y-6">
      {groups.map((group) => (
        <section key={group.id} aria-labelledby={`antecedentes-${group.id}`}>
          <h3 id={`antecedentes-${group.id}`} className="text-lg font-bold">
            {group.title}
          </h3>
          <p className="mb-2 text-xs text-slate-600">{group.source}</p>
          <ul className="space-y-3">
            {group.items.map((item) => {
              const view = stateView[item.state];
              return (
                <li key={item.id} className={`rounded border border-slate-300 border-l-4 bg-white p-3 ${view.border}`} data-testid="antecedent" data-antecedent={item.id} data-state={item.state}>
                  <div className="flex flex-wrap items-start justify-between gap-2">
                    <p className="font-semibold">{item.title}</p>
                    <StatusTag tone={view.tone}>{view.label}</StatusTag>
                  </div>
                  {item.problem ? <p className="mt-1 text-sm font-semibold text-slate-900">{item.problem}</p> : null}
                  {item.details.length > 0 ? (
                    <ul className="mt-1 space-y-0.5 text-sm text-slate-700">
                      {item.details.map((line, i) => (
                        <li key={i}>{line}</li>
                      ))}
                    </ul>
                  ) : null}
                  {item.documents.map((doc) => (
                    <DocumentViewer key={doc.id} document={doc} />
                  ))}
                </li>
              );
            })}
          </ul>
        </section>
      ))}
    </div>
  );
}
