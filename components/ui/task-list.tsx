import Link from 'next/link';
import { StatusTag } from './status-tag';
import type { Tone } from './status-tag';

export type TaskStatus = 'no_iniciado' | 'en_progreso' | 'completo' | 'con_observaciones' | 'solo_lectura';

const statusView: Record<TaskStatus, { label: string; tone: Tone }> = {
  no_iniciado: { label: 'No iniciado', tone: 'neutral' },
  en_progreso: { label: 'En progreso', tone: 'info' },
  completo: { label: 'Completo', tone: 'ok' },
  con_observaciones: { label: 'Con observaciones', tone: 'error' },
  solo_lectura: { label: 'Solo lectura', tone: 'neutral' },
};

export interface Task {
  id: string;
  title: string;
  href?: string;
  hint?: string;
  status: TaskStatus;
}

/** GOV.UK-style task list: each section, its owner hint and its status. */
export function TaskList({ tasks }: { tasks: Task[] }) {
  return (
    <ul className="divide-y divide-slate-300 border-y border-slate-300">
      {tasks.map((t) => (
        <li key={t.id} className="flex flex-wrap items-center justify-between gap-2 py-3">
          <div>
            {t.href ? (
              <Link href={t.href} className="text-lg font-semibold text-brand-700 underline underline-offset-4" aria-describedby={`${t.id}-status`}>
                {t.title}
              </Link>
            ) : (
              <span className="text-lg font-semibold">{t.title}</span>
            )}
            {t.hint ? <p className="text-sm text-slate-600">{t.hint}</p> : null}
          </div>
          <span id={`${t.id}-status`}>
            <StatusTag tone={statusView[t.status].tone}>{statusView[t.status].label}</StatusTag>
          </span>
        </li>
      ))}
    </ul>
  );
}
