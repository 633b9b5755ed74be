import type { Metadata } from 'next';
import { ScheduleList } from '@/components/public/schedule-list';
import { StatusTag } from '@/components/ui/status-tag';
import { listPublicCalls } from '@/lib/dal/calls';

export const metadata: Metadata = { title: 'Cronograma de los llamados' };

export default async function SchedulePage() {
  const calls = await listPublicCalls();
  return (
    <div className="space-y-10">
      <h1 className="text-3xl font-bold">Cronograma de los llamados</h1>
      {calls.map((call) => (
        <section key={call.id} aria-labelledby={`call-${call.code}`}>
          <h2 id={`call-${call.code}`} className="mb-2 text-2xl font-bold">
            {call.name}{' '}
            <StatusTag tone={call.status === 'abierto' ? 'ok' : 'neutral'}>{call.status === 'abierto' ? 'Abierto' : 'Cerrado'}</StatusTag>
          </h2>
          <ScheduleList steps={call.schedule} />
        </section>
      ))}
    </div>
  );
}
