/** Title of a section page with who completes it (the 2022 call: each party brings its own antecedents). */
export function SectionHeader({ title, owner, intro }: { title: string; owner: string; intro?: string }) {
  return (
    <header className="mb-6">
      <h2 className="text-2xl font-bold">{title}</h2>
      <p className="mt-1 text-sm font-semibold text-slate-700">Lo completa: {owner}</p>
      {intro ? <p className="mt-2 max-w-prose text-slate-700">{intro}</p> : null}
    </header>
  );
}
