import type { Metadata } from 'next';
import Link from 'next/link';
import { VerifyFile } from '@/components/submission/verify-file';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/field';
import { StatusTag } from '@/components/ui/status-tag';
import { RECEIPT_NOT_FOUND, getPublicReceipt } from '@/lib/dal/submission';
import { applicationStatusTones } from '@/lib/labels';
import { formatSantiagoDateTime } from '@/lib/santiago-time';
import { ZReceiptLookup, ZSha256 } from '@/lib/validations/submission';

export const metadata: Metadata = { title: 'Verificación de comprobante', robots: { index: false } };

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/**
 * Public page behind the receipt's QR code: that the application was submitted, when, under which call,
 * its status and the SHA-256 of each document; no names, RUTs or incomes. A file or a pasted hash can be
 * checked against the documents. A wrong code reads exactly like an unknown number.
 */
export default async function PublicReceiptPage(props: { params: Promise<{ number: string }>; searchParams: Promise<{ c?: string; sha256?: string }> }) {
  const { number: rawNumber } = await props.params;
  const { c, sha256 } = await props.searchParams;
  const lookup = ZReceiptLookup.safeParse({ number: safeDecode(rawNumber), code: c ?? '' });
  const receipt = lookup.success ? await getPublicReceipt(lookup.data.number, lookup.data.code) : null;

  if (!receipt || !lookup.success) {
    return (
      <div className="max-w-2xl space-y-4">
        <h1 className="text-3xl font-bold">Verificación de comprobante</h1>
        <div className="border-l-8 border-err-700 bg-err-50 p-4" role="alert" data-testid="comprobante-no-encontrado">
          <p className="font-semibold">{RECEIPT_NOT_FOUND}</p>
        </div>
        <p>
          <Link href="/verificar" className="text-brand-700 underline underline-offset-4">
            Volver a intentar con el número y el código del comprobante
          </Link>
        </p>
      </div>
    );
  }

  const code = lookup.data.code;
  const hashCheck = sha256 === undefined ? null : ZSha256.safeParse(sha256);
  const matched = hashCheck?.success ? receipt.documents.find((d) => d.sha256 === hashCheck.data) : undefined;

  return (
    <div className="space-y-8">
      <div>
        <h1 className="text-3xl font-bold">Comprobante verificado</h1>
        <p className="mt-2 text-lg" data-testid="comprobante-valido">
          La postulación <strong>{receipt.number}</strong> fue enviada el <strong>{formatSantiagoDateTime(receipt.submittedAt)}</strong>.
        </p>
      </div>

      <dl className="grid gap-x-6 gap-y-2 sm:grid-cols-[12rem_minmax(0,1fr)]">
        <dt className="font-semibold">N.º de postulación</dt>
        <dd>{receipt.number}</dd>
        <dt className="font-semibold">Llamado</dt>
        <dd>{receipt.callName}</dd>
        <dt className="font-semibold">Fecha y hora de envío</dt>
        <dd>{formatSantiagoDateTime(receipt.submittedAt)}</dd>
        <dt className="font-semibold">Estado actual</dt>
        <dd>
          <StatusTag tone={applicationStatusTones[receipt.status]}>{receipt.statusLabel}</StatusTag>
        </dd>
      </dl>

      <section aria-labelledby="docs-title">
        <h2 id="docs-title" className="mb-2 text-xl font-bold">
          Documentos presentados ({receipt.documents.length})
        </h2>
        {receipt.documents.length === 0 ? (
          <p className="text-slate-700">La postulación se envió sin documentos adjuntos.</p>
        ) : (
          <ol className="space-y-3">
            {receipt.documents.map((d, i) => (
              <li key={`${d.sha256}-${i}`} className={`rounded-md border-2 p-3 ${matched === d ? 'border-ok-700 bg-ok-50' : 'border-slate-300'}`}>
                <p className="font-semibold">
                  {i + 1}. {d.label} <span className="font-normal text-slate-600">(versión {d.version})</span>
                </p>
                <p className="break-all font-mono text-sm">SHA-256: {d.sha256}</p>
              </li>
            ))}
          </ol>
        )}
      </section>

      <section aria-labelledby="check-title" className="space-y-4">
        <h2 id="check-title" className="text-xl font-bold">
          Comprobar un archivo
        </h2>
        <p className="max-w-3xl">
          ¿Tiene una copia de un documento y quiere saber si es exactamente el que se presentó? Compárelo aquí: si su huella SHA-256 coincide
          con la de un documento de la lista, el archivo es idéntico.
        </p>
        <VerifyFile number={receipt.number} code={code} />
        <form method="get" action={`/verificar/${encodeURIComponent(receipt.number)}`} className="max-w-2xl" noValidate>
          <input type="hidden" name="c" value={code} />
          <TextField
            id="sha256"
            name="sha256"
            label="O pegue la huella SHA-256"
            hint="64 caracteres (0–9 y a–f), por ejemplo copiados de otro comprobante."
            defaultValue={sha256 ?? ''}
            error={hashCheck && !hashCheck.success ? hashCheck.error.issues[0]?.message : undefined}
            autoComplete="off"
            spellCheck={false}
            className="font-mono"
          />
          <Button type="submit" variant="secondary">
            Comprobar la huella
          </Button>
        </form>
        {hashCheck?.success ? (
          <div aria-live="polite" data-testid="resultado-huella">
            {matched ? (
              <div className="border-l-8 border-ok-700 bg-ok-50 p-3">
                <p className="font-bold">Coincide con un documento presentado.</p>
                <p>
                  Es el documento «{matched.label}» (versión {matched.version}).
                </p>
              </div>
            ) : (
              <div className="border-l-8 border-err-700 bg-err-50 p-3">
                <p className="font-bold">No coincide con ningún documento de esta postulación.</p>
              </div>
            )}
          </div>
        ) : null}
      </section>
    </div>
  );
}
