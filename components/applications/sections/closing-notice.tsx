import type { ApplicationOverviewDto } from '@/lib/dal/section-status';

type ApplicationStatus = ApplicationOverviewDto['status'];

/** The call's closing date and the time left by the server clock (computed by the page, never by the browser). */
export function ClosingNotice({ closesAtText, timeLeftText, status }: { closesAtText: string; timeLeftText: string | null; status: ApplicationStatus }) {
  if (status !== 'borrador')
    return (
      <p className="mb-6 text-slate-700" data-testid="closing-notice">
        El llamado {timeLeftText ? 'cierra' : 'cerró'} el {closesAtText}.
      </p>
    );
  return (
    <div
      className={`mb-6 border-l-4 p-4 ${timeLeftText ? 'border-brand-600 bg-brand-50' : 'border-err-700 bg-err-50'}`}
      data-testid="closing-notice"
    >
      {timeLeftText ? (
        <>
          <p className="font-semibold">
            El plazo para enviar la postulación vence el {closesAtText}.
          </p>
          <p className="mt-1 text-lg font-bold" data-testid="time-left">
            {timeLeftText}.
          </p>
        </>
      ) : (
        <p className="font-semibold">
          El llamado cerró el {closesAtText}. La postulación ya no puede modificarse ni enviarse.
        </p>
      )}
    </div>
  );
}
