import type { CalendarSpec } from '../model/calendar';

/** The contracted fee for one card type: round_half_up(gross × rate) + fixedMinor, capped at capMinor. */
export interface FeeRule {
  readonly cardType: 'debit' | 'credit' | 'any';
  /** Decimal string, e.g. "0.0060". */
  readonly rate: string;
  readonly capMinor?: number;
  readonly fixedMinor?: number;
}

/** One acquirer account as the merchant configures it. */
export interface AcquirerProfile {
  readonly id: string;
  readonly name: string;
  readonly format: string;
  readonly merchantIds?: readonly string[];
  readonly currency: string;
  readonly timezone: string;
  readonly calendar: string;
  readonly settlementLagBusinessDays: number;
  /** `HH:MM`; a transaction at or after it trades on the next day. */
  readonly cutoff?: string;
  /** Names the acquirer uses on bank statements (对方户名, NAME, Dbtr/Nm). */
  readonly bankCounterparties: readonly string[];
  readonly fees?: readonly FeeRule[];
  /** Days the acquirer's portal keeps its exports (Lakala's merchant app: 180), for the reminder to export in time. */
  readonly exportRetentionDays?: number;
  /** Days one portal query may span (Lakala: 31). */
  readonly exportQueryDays?: number;
}

/** `settlewatch.config/1`: acquirer profiles, calendars and tolerances. */
export interface Config {
  readonly schema: 'settlewatch.config/1';
  readonly graceBusinessDays: number;
  readonly lateToleranceBusinessDays: number;
  readonly duplicateWindowMinutes: number;
  /** Business days past the last covered day after which the bank data is called stale (default 3). */
  readonly staleAfterBusinessDays?: number;
  readonly calendars: readonly CalendarSpec[];
  readonly acquirers: readonly AcquirerProfile[];
}

/** A problem in a config, naming the JSON path of the bad field (`acquirers[0].cutoff`). */
export interface ConfigIssue {
  readonly path: string;
  readonly message: string;
}
