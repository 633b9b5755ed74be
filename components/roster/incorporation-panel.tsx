'use client';

import { useRouter } from 'next/navigation';
import { useId, useRef, useState } from 'react';
import { Button } from '@/components/ui/button';
import type { ActionResult } from '@/lib/actions/result';

type LinkResult = { url: string; expiresAt: Date | string; emailedTo: string | null };

const EXPIRY_FORMAT = new Intl.DateTimeFormat('es-CL', { timeZone: 'America/Santiago', day: '2-digit', month: '2-digit', year: 'numeric' });

function CopyField({ id, value }: { id: string; value: string }) {
  const [copied, setCopied] = useState<'idle' | 'ok' | 'error'>('idle');
  return (
    <div>
      <label htmlFor={id} className="block font-semibold">
        Enlace de confirmación
      </label>
      <p id={`${id}-hint`} className="text-sm text-slate-600">
        Sirve una sola vez. Envíelo solo a la persona indicada: permite confirmar sin ingresar al portal.
      </p>
      <div className="mt-1 flex flex-wrap gap-2">
        <input
          id={id}
          readOnly
          value={value}
          aria-describedby={`${id}-hint`}
          onFocus={(event) => event.currentTarget.select()}
          className="min-h-11 w-full max-w-xl rounded-md border-2 border-slate-700 bg-slate-50 px-3 font-mono text-sm"
          data-testid="incorporation-link"
        />
        <Button
          variant="secondary"
          onClick={async () => {
            try {
              await navigator.clipboard.writeText(value);
              setCopied('ok');
            } catch {
              setCopied('error');
            }
          }}
        >
          Copiar enlace
        </Button>
      </div>
      <p role="status" className="mt-1 text-sm text-slate-700">
        {copied === 'ok' ? 'Enlace copiado.' : copied === 'error' ? 'No se pudo copiar: seleccione el enlace y cópielo a mano.' : ''}
      </p>
    </div>
  );
}

/**
 * The union's ways to record a worker's formulario de incorporación: a one-time link the worker opens
 * without an account (mailed and/or copied), or the signed paper form uploaded as a PDF or photo.
 */
export function IncorporationPanel({
  applicationId,
  entryId,
  firstName,
  email,
  confirmed,
  createLink,
  uploadForm,
}: {
  applicationId: string;
  entryId: string;
  firstName: string;
  email: string | null;
  confirmed: boolean;
  createLink: (input: unknown) => Promise<ActionResult<LinkResult>>;
  uploadForm: (input: FormData) => Promise<ActionResult<unknown>>;
}) {
  const router = useRouter();
  const ids = useId();
  const [sendEmail, setSendEmail] = useState(Boolean(email));
  const [link, setLink] = useState<LinkResult | null>(null);
  const [linkError, setLinkError] = useState<string | null>(null);
  const [linkPending, setLinkPending] = useState(false);
  const [uploadError, setUploadError] = useState<string | null>(null);
  const [uploadDone, setUploadDone] = useState<string | null>(null);
  const [uploadPending, setUploadPending] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);
  const fileId = `${ids}-file`;

  const create = async () => {
    setLinkPending(true);
    setLinkError(null);
    const result = await createLink({ applicationId, entryId, sendEmail: sendEmail && Boolean(email) });
    setLinkPending(false);
    if (result.ok && result.data) setLink(result.data);
    else setLinkError(result.ok ? 'No se pudo crear el enlace.' : (result.formError ?? 'No se pudo crear el enlace.'));
  };

  const upload = async (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setUploadError(null);
    setUploadDone(null);
    const file = fileInput.current?.files?.[0];
    if (!file) {
      setUploadError('Elija el formulario firmado (PDF, JPG o PNG).');
      fileInput.current?.focus();
      return;
    }
    const data = new FormData();
    data.set('applicationId', applicationId);
    data.set('entryId', entryId);
    data.set('file', file);
    setUploadPending(true);
    const result = await uploadForm(data);
    setUploadPending(false);
    if (result.ok) {
      setUploadDone(`Se guardó el formulario firmado «${file.name}». La incorporación de ${firstName} quedó registrada.`);
      if (fileInput.current) fileInput.current.value = '';
      router.refresh();
      return;
    }
    setUploadError(result.fieldErrors?.file ?? result.formError ?? 'No se pudo subir el formulario.');
    fileInput.current?.focus();
  };

  return (
    <div className="space-y-6">
      {!confirmed ? (
        <div className="rounded-md border-2 border-slate-300 p-4">
          <h4 className="mb-1 text-lg font-bold">Pedirle que confirme en línea</h4>
          <p className="mb-3 text-slate-700">
            Cree un enlace para que {firstName} revise el resumen del proyecto y declare que lo conoce, sin crear una cuenta. El enlace
            vence en 14 días y sirve una sola vez; si crea uno nuevo, el anterior deja de funcionar.
          </p>
          {email ? (
            <div className="mb-3 flex items-start gap-3">
              <input
                id={`${ids}-send`}
                type="checkbox"
                checked={sendEmail}
                onChange={(event) => setSendEmail(event.target.checked)}
                className="mt-0.5 size-6 shrink-0 accent-brand-700"
              />
              <label htmlFor={`${ids}-send`}>Enviarlo también por correo a {email}</label>
            </div>
          ) : (
            <p className="mb-3 text-sm text-slate-600">
              No tiene correo registrado: copie el enlace y envíelo por el medio que use con {firstName}.
            </p>
          )}
          <Button variant="secondary" onClick={create} disabled={linkPending}>
            {linkPending ? 'Creando enlace…' : link ? 'Crear un enlace nuevo' : 'Crear enlace de confirmación'}
          </Button>
          {linkError ? (
            <p role="alert" className="mt-2 font-semibold text-err-700">
              {linkError}
            </p>
          ) : null}
          {link ? (
            <div className="mt-4 space-y-2" role="status">
              {link.emailedTo ? <p className="font-semibold text-ok-700">Enviamos el enlace a {link.emailedTo}.</p> : null}
              <p>Vence el {EXPIRY_FORMAT.format(new Date(link.expiresAt))}.</p>
              <CopyField id={`${ids}-link`} value={link.url} />
            </div>
          ) : null}
        </div>
      ) : null}

      <form onSubmit={upload} noValidate className="rounded-md border-2 border-slate-300 p-4">
        <h4 className="mb-1 text-lg font-bold">Subir el formulario firmado en papel</h4>
        <p className="mb-3 text-slate-700">
          Si {firstName} firmó el formulario de incorporación en papel, súbalo escaneado o fotografiado. Queda guardado con la
          postulación{confirmed ? ' y reemplaza la forma de confirmación registrada' : ''}.
        </p>
        <fieldset disabled={uploadPending}>
          <div className={uploadError ? 'border-l-4 border-err-700 pl-3' : ''}>
            <label htmlFor={fileId} className="block font-semibold">
              Formulario firmado
            </label>
            <p id={`${fileId}-hint`} className="text-sm text-slate-600">
              PDF, JPG o PNG, de hasta 10 MB.
            </p>
            {uploadError ? (
              <p id={`${fileId}-error`} className="mt-1 text-sm font-semibold text-err-700">
                <span className="sr-only">Error: </span>
                {uploadError}
              </p>
            ) : null}
            <input
              ref={fileInput}
              id={fileId}
              name="file"
              type="file"
              accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"
              aria-describedby={`${fileId}-hint${uploadError ? ` ${fileId}-error` : ''}`}
              aria-invalid={uploadError ? true : undefined}
              className="mt-1 block w-full max-w-md text-base file:mr-3 file:min-h-11 file:rounded-md file:border-2 file:border-brand-600 file:bg-white file:px-3 file:font-semibold file:text-brand-700"
            />
          </div>
          <Button type="submit" className="mt-3">
            {uploadPending ? 'Subiendo…' : 'Subir formulario firmado'}
          </Button>
        </fieldset>
        {uploadDone ? (
          <p role="status" className="mt-2 font-semibold text-ok-700">
            {uploadDone}
          </p>
        ) : null}
      </form>
    </div>
  );
}
