import type { ReviewQueueQuery } from '@/lib/dal/review-queue';

type QueueParams = Partial<Record<keyof ReviewQueueQuery, string | number | undefined>>;

/**
 * The queue's URL with the current filters, sort and page, changed by `overrides` (undefined removes a
 * parameter). Defaults are left out so links stay short; a filter change goes back to page 1 unless
 * the page is given.
 */
export function queueHref(query: ReviewQueueQuery, overrides: QueueParams = {}): string {
  const merged: QueueParams = { ...query, ...overrides };
  if (!('page' in overrides)) merged.page = undefined;
  const params = new URLSearchParams();
  const order: (keyof ReviewQueueQuery)[] = ['q', 'estado', 'region', 'comuna', 'tramos', 'atrasadas', 'asignacion', 'orden', 'dir', 'page'];
  for (const key of order) {
    const value = merged[key];
    if (value === undefined || value === '') continue;
    if (key === 'orden' && value === 'enviada') continue;
    if (key === 'dir' && value === 'asc') continue;
    if (key === 'page' && Number(value) <= 1) continue;
    params.set(key, String(value));
  }
  const search = params.toString();
  return search ? `/gestion?${search}` : '/gestion';
}
