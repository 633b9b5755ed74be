import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { Button } from '@/components/ui/button';
import { ErrorSummaryStatic } from '@/components/ui/error-summary-static';
import { TextField } from '@/components/ui/field';
import { ZReceiptLookup } from '@/lib/validations/submission';

export const metadata: Metadata = { title: 'Verificar un comprobante', robots: { index: false } };

/**
 * Entry of the public check: the number and code printed on the receipt (the QR code carries both).
 * A plain GET form, so it works without JavaScript.
 */
export default async function VerifyReceiptPage(props: { searchParams: Promise<{ numero?: string; codigo?: string }> }) {
  const { numero, codigo } = await props.searchParams;
  const submitted = numero !== undefined || codigo !== undefined;
  const errors: Record<string, string> = {};
  if (submitted) {
    const parsed = ZReceiptLookup.safeParse({ number: numero ?? '', code: codigo ?? '' });
    if (parsed.success) redirect(`/verificar/${encodeURIComponent(parsed.data.number)}?c=${encodeURIComponent(parsed.data.code)}`);
    for (const issue of parsed.error.issues) errors[String(issue.path[0])] ??= issue.message;
  }
  const summary = [
    ...(errors.number ? [{ fieldId: 'numero', message: errors.number }] : []),
    ...(errors.code ? [{ fieldId: 'codigo', message: errors.code }] : []),
  ];
  return (
    <div className="max-w-2xl space-y-6">
      <h1 className="text-3xl font-bold">Verificar un comprobante de postulación</h1>
      <p className="text-lg">
        Escanee el código QR del comprobante, o escriba el número de postulación y el código de verificación que aparecen en él. Verá si la
        postulación fue enviada, cuándo, y la huella de cada documento presentado.
      </p>
      <ErrorSummaryStatic errors={summary} />
      <form method="get" action="/verificar" noValidate>
        <TextField
          id="numero"
          name="numero"
          label="Número de postulación"
          hint="Por ejemplo, PVT-2026-000123."
          defaultValue={numero ?? ''}
          error={errors.number}
          autoComplete="off"
          spellCheck={false}
          className="max-w-xs uppercase"
        />
        <TextField
          id="codigo"
          name="codigo"
          label="Código de verificación"
          hint="Las 12 letras y números que siguen a «?c=» en la dirección impresa bajo el título «Verificación»."
          defaultValue={codigo ?? ''}
          error={errors.code}
          autoComplete="off"
          spellCheck={false}
          className="max-w-xs font-mono"
        />
        <Button type="submit">Verificar</Button>
      </form>
    </div>
  );
}
