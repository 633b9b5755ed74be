export type Tone = 'neutral' | 'info' | 'ok' | 'warn' | 'error';

const tones: Record<Tone, string> = {
  neutral: 'bg-slate-200 text-slate-900',
  info: 'bg-brand-100 text-brand-800',
  ok: 'bg-ok-50 text-ok-700 ring-1 ring-ok-700/30',
  warn: 'bg-warn-50 text-warn-800 ring-1 ring-warn-800/30',
  error: 'bg-err-50 text-err-700 ring-1 ring-err-700/30',
};

export function StatusTag({ tone = 'neutral', children }: { tone?: Tone; children: React.ReactNode }) {
  return (
    <strong className={`inline-block rounded px-2 py-0.5 text-sm font-semibold uppercase tracking-wide ${tones[tone]}`}>
      {children}
    </strong>
  );
}
