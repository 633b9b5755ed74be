export function Figure({ label, value, strong = false }: { label: string; value: React.ReactNode; strong?: boolean }) {
  return (
    <div className="flex justify-between gap-4 border-b border-slate-200 py-1.5">
      <dt className="text-slate-700">{label}</dt>
      <dd className={`text-right tabular-nums ${strong ? 'font-bold' : ''}`}>{value}</dd>
    </div>
  );
}
