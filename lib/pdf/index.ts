export { CHILE_TIME_ZONE, formatChileDate, formatChileDateTime } from './chile-time';
export { renderGoreCommitmentLetter } from './gore-letter';
export type { GoreCommitmentLetterContent } from './gore-letter';
export { renderApplicationReceipt } from './receipt';
export type { ApplicationReceiptData, ReceiptDocument } from './receipt';
