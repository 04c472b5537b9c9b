import type { FeeRule } from '../../config/types';
import type { Formats } from '../../messages/types';
import type { TxnKind } from '../../model/types';
import type { AlertKind, Severity, TxnStatus } from '../../reconcile/types';
import type { DataEventCode } from '../types';

/** Where a complaint goes: the regulator of payment institutions or of banks (China), or the merchant's own (elsewhere). */
export type RegulatorCode = 'pboc' | 'nfra' | 'other';

/** The columns of each CSV file, by file. */
export interface CsvHeaders {
  readonly transactions: readonly string[];
  readonly bankLines: readonly string[];
  readonly timeline: readonly string[];
  readonly sources: readonly string[];
}

/** The facts a letter's sentences are made of. */
export interface LetterFacts {
  readonly acquirerName: string;
  readonly merchantIds: string;
  readonly accounts: string;
  readonly amount: string;
  readonly count: number;
  readonly alertSentence: string;
}

/**
 * One language's words for the evidence pack: headings, labels, the CSV columns and the letters. Each
 * language implements the whole interface, so the type checker fails when one lacks a word.
 */
export interface EvidenceWords {
  readonly formats: Formats;
  readonly htmlLang: string;
  /** How the language puts a label before its value (`: ` / `：`) and joins two clauses (`, ` / `，`). */
  readonly colon: string;
  readonly comma: string;
  readonly semicolon: string;
  readonly summaryTitle: string;
  readonly kinds: { readonly [K in AlertKind]: string };
  readonly severities: { readonly [S in Severity]: string };
  readonly statuses: { readonly [S in TxnStatus]: string };
  readonly txnKinds: { readonly [K in TxnKind]: string };
  readonly yes: string;
  readonly no: string;
  readonly blank: string;
  readonly label: {
    readonly what: string;
    readonly who: string;
    readonly acquirer: string;
    readonly merchantIds: string;
    readonly terminals: string;
    readonly accounts: string;
    readonly asOf: string;
    readonly madeOn: string;
    readonly caseStatus: string;
    readonly followUp: string;
    readonly severity: string;
    readonly alertId: string;
    readonly howMuch: string;
    readonly when: string;
    readonly expected: string;
    readonly credited: string;
    readonly difference: string;
    readonly tradeDate: string;
    readonly expectedOn: string;
    readonly bookedOn: string;
    readonly printedFee: string;
    readonly contractedFee: string;
    readonly contractedRate: string;
    readonly gross: string;
    readonly sale: string;
    readonly times: string;
    readonly beyondFirst: string;
    readonly uncovered: string;
    readonly waiting: string;
    readonly count: string;
    readonly payout: string;
    readonly batch: string;
    readonly link: string;
    readonly notLinked: string;
    readonly firstContact: string;
  };
  readonly section: {
    readonly facts: string;
    readonly batches: string;
    readonly timeline: string;
    readonly checklist: string;
    readonly transactions: string;
    readonly bankLines: string;
    readonly sources: string;
    readonly vouchers: string;
    readonly files: string;
  };
  /** The first rows of a long table printed, the rest in the CSV. */
  readonly tableCut: (shown: number, total: number, file: string) => string;
  readonly noRows: string;
  readonly bankWindow: (from: string, to: string, accounts: string) => string;
  readonly feeRule: (rule: FeeRule, f: Formats, currency: string) => string;
  /** What the statement and export show: the amount and reference as words, and the end of a run of days. */
  readonly events: { readonly [C in DataEventCode]: (amount: string | null, ref: string | null, until: string | null) => string };
  readonly eventBy: { readonly data: string; readonly engine: string; readonly merchant: string };
  /** Who ticked a step: the merchant, or the data (and why, in the case words). */
  readonly tickedBy: { readonly merchant: string; readonly data: string };
  readonly csv: CsvHeaders;
  readonly files: {
    readonly summary: string;
    readonly letterAcquirer: string;
    readonly letterBank: string;
    readonly letterRegulator: string;
    readonly transactions: string;
    readonly bankLines: string;
    readonly timeline: string;
    readonly sources: string;
    readonly caseJson: string;
    readonly vouchers: string;
  };
  readonly letter: {
    readonly from: string;
    readonly to: string;
    readonly date: string;
    readonly subject: string;
    readonly name: string;
    readonly contact: string;
    readonly address: string;
    readonly signature: string;
    readonly greeting: (to: string) => string;
    readonly closing: string;
    readonly attachments: string;
    readonly references: string;
    readonly asked: string;
    readonly facts: string;
    readonly replyBy: (date: string) => string;
    readonly acquirerSubject: { readonly [K in AlertKind]: (f: LetterFacts) => string };
    readonly acquirerBody: { readonly [K in AlertKind]: (f: LetterFacts) => string };
    readonly acquirerAsk: { readonly [K in AlertKind]: (f: LetterFacts) => readonly string[] };
    readonly bankTo: string;
    readonly bankSubject: { readonly [K in AlertKind]: (f: LetterFacts) => string };
    readonly bankBody: { readonly [K in AlertKind]: (f: LetterFacts) => string };
    readonly bankAsk: { readonly [K in AlertKind]: (f: LetterFacts) => readonly string[] };
    readonly regulators: { readonly [R in RegulatorCode]: string };
    readonly regulatorWhy: { readonly [R in RegulatorCode]: string };
    readonly complaintSubject: (against: string, f: LetterFacts) => string;
    readonly complainant: string;
    readonly respondent: string;
    readonly respondentRole: { readonly acquirer: string; readonly bank: string };
    readonly complaintFacts: string;
    readonly complaintTried: string;
    /** When the case records no contact yet: what to write on the lines below. */
    readonly complaintTriedNone: string;
    readonly complaintAsk: { readonly [K in AlertKind]: (f: LetterFacts, against: string) => readonly string[] };
    readonly complaintTruth: string;
  };
}
