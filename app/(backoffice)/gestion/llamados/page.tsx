import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { StatusTag } from '@/components/ui/status-tag';
import { Table } from '@/components/ui/table';
import { requireUser } from '@/lib/auth/session';
import { NotFoundError } from '@/lib/auth/session-user';
import { listConfigurableCalls } from '@/lib/dal/call-configuration';

export const metadata: Metadata = { title: 'Llamados y sus parámetros' };

const statusLabels: Record<string, string> = { borrador: 'En preparación', abierto: 'Abierto', cerrado: 'Cerrado' };

/** The calls of the workers' programme, with how many score values each still lacks (national staff). */
export default async function CallsPage() {
  const user = await requireUser();
  const calls = await listConfigurableCalls(user).catch((error: unknown) => {
    if (error instanceof NotFoundError) notFound();
    throw error;
  });
  return (
    <div className="space-y-6 py-4">
      <h1 className="text-3xl font-bold">Llamados y sus parámetros</h1>
      <p className="max-w-3xl">
        Cada llamado guarda sus propias reglas: zonas y tramos, requisitos, topes de ingresos, financiamiento y tablas de puntaje.
        Las tablas de puntaje y los topes se ingresan aquí hasta que la selección del llamado se confirma.
      </p>
      <Table
        caption="Llamados del Programa de Vivienda para Trabajadores"
        rows={calls}
        rowKey={(c) => c.id}
        empty="No hay llamados."
        columns={[
          {
            key: 'call',
            header: 'Llamado',
            cell: (c) => (
              <>
                <Link href={`/gestion/llamados/${c.id}/parametros`} className="font-semibold text-brand-700 underline underline-offset-4">
                  {c.code}
                </Link>
                <span className="block text-sm text-slate-700">{c.name}</span>
              </>
            ),
          },
          { key: 'status', header: 'Estado', cell: (c) => statusLabels[c.status] ?? c.status },
          {
            key: 'unset',
            header: 'Puntaje',
            cell: (c) => (c.unsetCount === 0 ? <StatusTag tone="ok">Completo</StatusTag> : <StatusTag tone="warn">{`${c.unsetCount} sin definir`}</StatusTag>),
          },
          { key: 'locked', header: 'Edición', cell: (c) => (c.lockedReason ? 'Cerrada: selección confirmada' : 'Abierta') },
        ]}
      />
    </div>
  );
}
