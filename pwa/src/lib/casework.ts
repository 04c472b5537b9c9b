// What the case screens share: a refused change in the merchant's words, and the words of the core's case catalog.
import { CATALOGS, type CaseWords, type Formats } from '../../../core/messages/index';
import type { CaseView, LedgerError } from '../../../core/worker/api';
import type { LedgerStore } from './ledger.svelte';
import { count, date, i18n, money, t } from './i18n.svelte';

/** A refused or failed case change, in the app's language. */
export function caseErrorText(error: LedgerError): string {
  if (error.code === 'case_refused') {
    const name = error.params.name;
    switch (error.params.reason) {
      case 'not_found':
        return t('case_refused_not_found', { name });
      case 'voucher_too_large':
        return t('case_refused_voucher_too_large', { name });
      case 'voucher_type':
        return t('case_refused_voucher_type', { name });
      case 'voucher_empty':
        return t('case_refused_voucher_empty', { name });
      case 'bad_date':
        return t('case_refused_bad_date');
      case 'note_too_long':
        return t('case_refused_note_too_long');
    }
  }
  if (error.code === 'failed') return t('failure', { message: error.params.message });
  return t('failure', { message: error.code });
}

/** The core's case words (statuses, steps, counterparts…) in the app's language. */
export function caseWords(): CaseWords {
  return CATALOGS[i18n.locale].cases;
}

/** When something was written (an ISO time), in this device's time zone and the app's language. */
export function stampText(iso: string): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  return new Intl.DateTimeFormat(i18n.tag, { dateStyle: 'short', timeStyle: 'short' }).format(at);
}

/** The app's own ways of writing money, dates and counts, for the core's case words (the CLI keeps the report's). */
export const APP_FORMATS: Formats = { money, date: iso => date(iso), count, rate: decimal => CATALOGS[i18n.locale].formats.rate(decimal) };

/** Changes a case through the worker: the view that comes back goes to `onchange`; a refusal comes back in words (null when done). */
export async function applyCase(
  ledger: LedgerStore,
  run: Parameters<LedgerStore['changeCase']>[0],
  onchange: (v: CaseView) => void,
): Promise<string | null> {
  const r = await ledger.changeCase(run);
  if (!r.ok) return caseErrorText(r.error);
  onchange(r.value);
  return null;
}
