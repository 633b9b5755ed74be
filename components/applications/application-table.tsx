import Link from 'next/link';
import { StatusTag } from '@/components/ui/status-tag';
import { Table } from '@/components/ui/table';
import type { ApplicationSummaryDto } from '@/lib/dal/applications';
import { applicationStatusLabels, applicationStatusTones } from '@/lib/labels';

export function ApplicationTable({ rows, basePath, caption }: { rows: ApplicationSummaryDto[]; basePath: string; caption: string }) {
  return (
    <Table
      caption={caption}
      rows={rows}
      rowKey={(r) => r.id}
      empty="No hay postulaciones que mostrar."
      columns={[
        {
          key: 'number',
          header: 'N° postulación',
          cell: (r) => (
            <Link href={`${basePath}/${r.id}`} className="font-semibold text-brand-700 underline underline-offset-4">
              {r.number}
            </Link>
          ),
        },
        { key: 'project', header: 'Proyecto', cell: (r) => r.projectName },
        { key: 'org', header: 'Organización', cell: (r) => r.organizationName },
        { key: 'comuna', header: 'Comuna', cell: (r) => (r.comunaName ? `${r.comunaName} (${r.regionName})` : '—') },
        { key: 'workers', header: 'Trabajadores', numeric: true, cell: (r) => r.workers },
        { key: 'status', header: 'Estado', cell: (r) => <StatusTag tone={applicationStatusTones[r.status]}>{applicationStatusLabels[r.status]}</StatusTag> },
      ]}
    />
  );
}
