import type { ScheduleStepDto } from '@/lib/dal/calls';
import { formatSantiagoDate } from '@/lib/santiago-time';

/** A call's cronograma with the current step highlighted (decided on the server's clock). */
export function ScheduleList({ steps }: { steps: ScheduleStepDto[] }) {
  return (
    <ol className="relative space-y-3 border-l-4 border-slate-300 pl-5" aria-label="Etapas del cronograma">
      {steps.map((s) => {
        const current = s.state === 'actual';
        const sameDay = s.startsAt && formatSantiagoDate(s.startsAt) === formatSantiagoDate(s.endsAt);
        return (
          <li
            key={s.code}
            aria-current={current ? 'step' : undefined}
            data-state={s.state}
            className={`rounded-md p-3 ${current ? 'border-2 border-brand-600 bg-brand-50' : s.state === 'pasado' ? 'text-slate-600' : ''}`}
          >
            <p className="text-sm font-semibold">
              {s.startsAt && !sameDay ? `${formatSantiagoDate(s.startsAt)} al ${formatSantiagoDate(s.endsAt)}` : formatSantiagoDate(s.endsAt)}
              {current ? <span className="ml-2 rounded bg-brand-600 px-2 py-0.5 text-xs uppercase text-white">Etapa actual</span> : null}
              {s.state === 'pasado' ? <span className="ml-2 text-xs uppercase">Terminada</span> : null}
            </p>
            <p className="text-lg font-semibold">{s.title}</p>
            {s.description ? <p className="text-sm">{s.description}</p> : null}
            <p className="text-sm text-slate-600">Responsable: {s.responsible}</p>
          </li>
        );
      })}
    </ol>
  );
}
