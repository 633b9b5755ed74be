import 'server-only';
import { after } from 'next/server';
import { getDb } from '@/db';
import { getMailer } from '@/lib/services';
import { runMailJobs } from './queue';

/** Sends queued mail after the response is sent (the transaction that queued it has committed by then). */
export function dispatchMailAfterResponse(): void {
  after(async () => {
    try {
      await runMailJobs(await getDb(), getMailer());
    } catch (error) {
      console.error('Envío de correos pendiente', error);
    }
  });
}
