import type { ReactNode } from 'react';

export interface Column<T> {
  key: string;
  header: ReactNode;
  cell: (row: T) => ReactNode;
  numeric?: boolean;
}

/** A captioned data table that scrolls sideways on a phone instead of breaking the page. */
export function Table<T>({ caption, columns, rows, rowKey, empty = 'No hay registros.' }: {
  caption: ReactNode;
  columns: Column<T>[];
  rows: T[];
  rowKey: (row: T) => string;
  empty?: ReactNode;
}) {
  return (
    <div className="overflow-x-auto" role="region" aria-label={typeof caption === 'string' ? caption : undefined} tabIndex={0}>
      <table className="w-full border-collapse text-left text-sm md:text-base">
        <caption className="mb-2 text-left text-lg font-bold">{caption}</caption>
        <thead>
          <tr className="border-b-2 border-slate-800">
            {columns.map((c) => (
              <th key={c.key} scope="col" className={`px-2 py-2 font-semibold ${c.numeric ? 'text-right' : ''}`}>
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 ? (
            <tr>
              <td colSpan={columns.length} className="px-2 py-4 text-slate-600">
                {empty}
              </td>
            </tr>
          ) : (
            rows.map((row) => (
              <tr key={rowKey(row)} className="border-b border-slate-300">
                {columns.map((c) => (
                  <td key={c.key} className={`px-2 py-2 align-top ${c.numeric ? 'text-right tabular-nums' : ''}`}>
                    {c.cell(row)}
                  </td>
                ))}
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}
