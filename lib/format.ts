const uf = new Intl.NumberFormat('es-CL', { maximumFractionDigits: 2 });
const clp = new Intl.NumberFormat('es-CL', { style: 'currency', currency: 'CLP', maximumFractionDigits: 0 });
const pct = new Intl.NumberFormat('es-CL', { maximumFractionDigits: 1 });

/** "1.200 UF" from an exact decimal string (display only; arithmetic stays in decimal.js). */
export function formatUf(value: string | number): string {
  return `${uf.format(Number(value))} UF`;
}

export function formatClp(value: number | string): string {
  return clp.format(Number(value));
}

/** "20%" from a fraction "0.2". */
export function formatShare(fraction: string | number): string {
  return `${pct.format(Number(fraction) * 100)}%`;
}
