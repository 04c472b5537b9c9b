// What the case screens share: a refused change in the merchant's words, and the words of the core's case catalog.
import { CATALOGS, type CaseWords, type Formats } from '../../../core/messages/index';
import type { LedgerError } from '../../../core/worker/api';
import { count, date, i18n, money, t, type MessageKey } from './i18n.svelte';

/** A refused or failed case change, in the app's language. */
export function caseErrorText(error: LedgerError): string {
  if (error.code === 'case_refused') return t(`case_refused_${error.params.reason}` as MessageKey, { name: error.params.name });
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
export const APP_FORMATS: Formats = { money, date: iso => date(iso), count };
