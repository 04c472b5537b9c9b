// The checklist of a case: the remedies a merchant walks when card money does not arrive, each ticked by
// what the data already shows or by what the merchant says they did.
import type { IsoDate } from '../model/date';
import { CHECKLIST_STEPS, type CaseRecord, type ChecklistStep, type Counterpart, type TimelineEntry } from './types';

/** Why the data ticks a step by itself. */
export type ShownBy =
  /** The bank statements cover every day the credit could have been booked on. */
  | 'statement_covers'
  /** The duplicate check ran over the case's transactions and found none. */
  | 'no_duplicates'
  /** The duplicate check found the charges this case is about. */
  | 'duplicates_found'
  /** The merchant noted a contact with the acquirer or the bank on the timeline. */
  | 'contacted'
  /** Vouchers are attached to the case. */
  | 'vouchers'
  /** A follow-up date is set. */
  | 'follow_up';

/** What the data shows about a case, for the steps it can tick. */
export interface ChecklistFacts {
  /** The statements cover the days the case's credits were due (false for a statement left out). */
  readonly statementCovers: boolean;
  /** The duplicate check ran over the case's transactions (the engine runs it whenever it reconciles them). */
  readonly duplicateCheckRan: boolean;
  /** Duplicate charges found among the case's transactions. */
  readonly duplicatesFound: number;
  readonly vouchers: number;
}

/** One step as the case view shows it. */
export interface ChecklistItem {
  readonly step: ChecklistStep;
  readonly done: boolean;
  /** Who ticked it: the merchant (with a date and a note), the data (and why), or nobody yet. */
  readonly by: 'merchant' | 'data' | null;
  readonly shownBy: ShownBy | null;
  readonly on: IsoDate | null;
  readonly note: string;
}

/** The counterparts the merchant's timeline says they dealt with. */
function contacted(entries: readonly TimelineEntry[]): Map<Counterpart, IsoDate> {
  const out = new Map<Counterpart, IsoDate>();
  for (const e of entries) {
    if (e.source !== 'merchant' || e.removedAt !== null || e.action === 'note') continue;
    const prev = out.get(e.whom);
    if (!prev || e.on < prev) out.set(e.whom, e.on);
  }
  return out;
}

/** What the data shows for one step, or null when it shows nothing. */
function shown(
  step: ChecklistStep,
  facts: ChecklistFacts,
  record: Pick<CaseRecord, 'followUpOn'>,
  contacts: Map<Counterpart, IsoDate>,
): { by: ShownBy; on: IsoDate | null } | null {
  switch (step) {
    case 'check_account':
      return facts.statementCovers ? { by: 'statement_covers', on: null } : null;
    case 'check_records':
      if (!facts.duplicateCheckRan) return null;
      return { by: facts.duplicatesFound > 0 ? 'duplicates_found' : 'no_duplicates', on: null };
    case 'contact_acquirer':
    case 'contact_bank': {
      const on = contacts.get(step === 'contact_acquirer' ? 'acquirer' : 'bank');
      return on ? { by: 'contacted', on } : null;
    }
    case 'keep_vouchers':
      return facts.vouchers > 0 ? { by: 'vouchers', on: null } : null;
    case 'keep_watching':
      return record.followUpOn ? { by: 'follow_up', on: null } : null;
    case 'complain_regulator': {
      const on = contacts.get('regulator');
      return on ? { by: 'contacted', on } : null;
    }
  }
}

/** The checklist of a case: the merchant's own mark wins; else what the data shows; else open. */
export function checklistOf(
  record: Pick<CaseRecord, 'checklist' | 'followUpOn'>,
  entries: readonly TimelineEntry[],
  facts: ChecklistFacts,
): ChecklistItem[] {
  const contacts = contacted(entries);
  return CHECKLIST_STEPS.map(step => {
    const mark = record.checklist[step];
    if (mark) return { step, done: mark.done, by: 'merchant', shownBy: null, on: mark.on, note: mark.note };
    const s = shown(step, facts, record, contacts);
    return s
      ? { step, done: true, by: 'data', shownBy: s.by, on: s.on, note: '' }
      : { step, done: false, by: null, shownBy: null, on: null, note: '' };
  });
}
