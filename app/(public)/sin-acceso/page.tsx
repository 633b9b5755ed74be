import Link from 'next/link';

export default function NoAccessPage() {
  return (
    <div className="max-w-xl">
      <h1 className="mb-4 text-3xl font-bold">No tiene acceso a esta página</h1>
      <p className="mb-4">Su perfil no permite ver esta sección. Si cree que es un error, contacte a la mesa de ayuda de su SERVIU.</p>
      <Link href="/" className="text-brand-700 underline">Volver al inicio</Link>
    </div>
  );
}
