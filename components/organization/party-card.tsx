import { StatusTag } from '@/components/ui/status-tag';
import { formatRut } from '@/lib/domain/rut';
import type { InvitationDto } from '@/lib/dal/invitations';
import type { PartyEntityDto, PersonDto } from '@/lib/dal/organizations';
import { employerKindLabels, sponsorKindLabels } from '@/lib/validations/organization';

function kindLabel(kind: PartyEntityDto['kind']): string {
  return kind in employerKindLabels ? employerKindLabels[kind as keyof typeof employerKindLabels] : sponsorKindLabels[kind as keyof typeof sponsorKindLabels];
}

export function PeopleList({ people }: { people: PersonDto[] }) {
  if (people.length === 0) return <p className="text-sm text-slate-600">Sin personas registradas.</p>;
  return (
    <ul className="space-y-1">
      {people.map((p) => (
        <li key={p.userId}>
          <span className="font-semibold">{p.name}</span>{' '}
          <span className="text-sm text-slate-600">
            · {p.membershipRole === 'representative' ? 'Representante' : 'Miembro'} · <span className="break-all">{p.email}</span>
          </span>
        </li>
      ))}
    </ul>
  );
}

/** One party of an application (employer, sponsor or builder): who it is and who speaks for it, or who was invited. */
export function PartyCard({ title, entity, pending }: { title: string; entity: PartyEntityDto | null; pending?: InvitationDto | null }) {
  return (
    <section aria-label={title} className="rounded-lg border border-slate-300 p-4">
      <h3 className="text-sm font-semibold uppercase tracking-wide text-slate-600">{title}</h3>
      {entity ? (
        <>
          <p className="mt-1 text-lg font-semibold">{entity.name}</p>
          <p className="mb-2 text-sm text-slate-700">
            RUT {formatRut(entity.rut)} · {kindLabel(entity.kind)}
            {entity.registryNumber ? ` · Registro ${entity.registryNumber}` : ''}
          </p>
          {!entity.accredited ? (
            <p className="mb-2">
              <StatusTag tone="warn">Pendiente de acreditación</StatusTag>
            </p>
          ) : null}
          <PeopleList people={entity.people} />
        </>
      ) : pending ? (
        <p className="mt-1 text-slate-700">
          Invitación pendiente a <strong className="break-all">{pending.email}</strong>.
        </p>
      ) : (
        <p className="mt-1 text-slate-700">Aún no se suma.</p>
      )}
    </section>
  );
}
