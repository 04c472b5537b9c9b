// Whether a link a person makes by hand is one the engine could have made: a credit booked before the
// sales it would pay, or further from their expected date than the matching window, is more likely
// another payment, so the screens ask before recording it and say why.
import { dayNumber } from '../model/date';
import type { BankLine } from '../model/types';
import { WINDOW } from './match';
import type { ProfileRuntime } from './profile';
import type { Batch } from './types';

/**
 * Why a link a person is about to make looks wrong: the credit was booked before the batch's sales, or
 * further from the batch's expected date than the engine ever links (business days of its calendar).
 */
export type LinkDoubt =
  | { readonly code: 'before_sales'; readonly batchId: string; readonly tradeDate: string; readonly bookedOn: string }
  | {
      readonly code: 'too_early' | 'too_late';
      readonly batchId: string;
      readonly expectedOn: string;
      readonly bookedOn: string;
      /** Business days between the expected date and the booking, and the most the engine allows that way. */
      readonly days: number;
      readonly limit: number;
    };

/** The doubts about linking `credit` to `batches`, one per batch at most; empty when the link is plausible. */
export function linkDoubts(credit: BankLine, batches: readonly Batch[], profiles: readonly ProfileRuntime[]): LinkDoubt[] {
  const out: LinkDoubt[] = [];
  const booked = dayNumber(credit.bookedOn);
  for (const b of batches) {
    if (credit.bookedOn < b.tradeDate) {
      out.push({ code: 'before_sales', batchId: b.id, tradeDate: b.tradeDate, bookedOn: credit.bookedOn });
      continue;
    }
    const p = profiles.find(r => r.profile.id === b.acquirer);
    if (!p) continue;
    const days = p.bizIndex(booked) - p.bizIndex(dayNumber(b.expectedOn));
    if (days < -WINDOW.early)
      out.push({ code: 'too_early', batchId: b.id, expectedOn: b.expectedOn, bookedOn: credit.bookedOn, days: -days, limit: WINDOW.early });
    else if (days > WINDOW.late)
      out.push({ code: 'too_late', batchId: b.id, expectedOn: b.expectedOn, bookedOn: credit.bookedOn, days, limit: WINDOW.late });
  }
  return out;
}
