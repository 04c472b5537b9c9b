// Choosing an acquirer preset for a merchant from the file itself (issue 14: a Lakala export was offered both
// Chinese presets alike, and ChinaUMS chosen for it gave 2,888 false `missing` and 1,419 fee alerts).
import { compileCalendar, findCalendar } from '../model/calendar';
import { addDays } from '../model/date';
import type { AcquirerTxn, BankLine } from '../model/types';
import { ACQUIRER_PRESETS, presetTakesCurrency, type AcquirerPreset } from './presets';
import type { AcquirerProfile } from './types';

/** What an acquirer file says about whose export it is. */
export interface FileEvidence {
  readonly format: string;
  /** The acquirer named in the file's title line (拉卡拉商户交易明细), or a mapped file's mapping name. */
  readonly acquirerName: string | null;
  readonly merchantIds: readonly string[];
  /** The rows' currency (the most common one). */
  readonly currency: string | null;
}

/** Why a preset fits a file or does not, as a code the screens word. */
export type PresetReason =
  /** The title line names this acquirer. */
  | { readonly code: 'title_names'; readonly name: string }
  /** The merchant numbers start as this acquirer's do. */
  | { readonly code: 'merchant_ids'; readonly ids: readonly string[] }
  /** The bank statements hold credits from this acquirer's names. */
  | { readonly code: 'bank_credits'; readonly count: number }
  /** Contradictions: the title names another acquirer. */
  | { readonly code: 'title_other'; readonly name: string }
  /** The merchant numbers are another acquirer's. */
  | { readonly code: 'merchant_ids_other'; readonly ids: readonly string[]; readonly other: string }
  /** The bank statements hold credits, none from this acquirer's names. */
  | { readonly code: 'no_bank_credits'; readonly names: readonly string[]; readonly credits: number };

/** A preset weighed against a file: `suggested` is the one to take, `contradicted` says why not. */
export interface PresetFit {
  readonly presetId: string;
  readonly verdict: 'suggested' | 'fits' | 'contradicted';
  readonly reasons: readonly PresetReason[];
}

const CONTRADICTIONS = new Set<PresetReason['code']>(['title_other', 'merchant_ids_other', 'no_bank_credits']);

/** Whether a reason speaks against the preset. */
export function contradicts(reason: PresetReason): boolean {
  return CONTRADICTIONS.has(reason.code);
}

function namesIn(preset: AcquirerPreset, text: string): boolean {
  const lower = text.toLowerCase();
  return preset.names.some(n => lower.includes(n));
}

function ownsMerchant(preset: AcquirerPreset, id: string): boolean {
  return (preset.merchantPrefixes ?? []).some(p => id.startsWith(p));
}

/** Credits whose counterparty (else description) holds one of the names, as the engine assigns them (ownership.ts). */
function creditsFrom(names: readonly string[], credits: readonly BankLine[]): number {
  const lower = names.map(n => n.toLowerCase()).filter(n => n !== '');
  let n = 0;
  for (const b of credits) {
    const cp = b.counterparty.trim().toLowerCase();
    const text = cp === '' ? b.description.toLowerCase() : cp;
    if (lower.some(w => text.includes(w))) n++;
  }
  return n;
}

/**
 * The presets for an acquirer file, best first: only those of the file's format and currency; each with what
 * speaks for it (its name in the title line, its merchant-number prefix, credits from it in the bank lines
 * held) and against it (another acquirer's name or merchant numbers, bank credits held and none from it).
 * The first is `suggested` when something speaks for it, or when it is the only one and nothing against it.
 */
export function rankPresets(
  file: FileEvidence,
  bankLines: readonly BankLine[] = [],
  presets: readonly AcquirerPreset[] = ACQUIRER_PRESETS,
): PresetFit[] {
  const offered = presets.filter(p => p.profile.format === file.format && (!file.currency || presetTakesCurrency(p, file.currency)));
  const credits = bankLines.filter(b => b.amountMinor > 0 && (!file.currency || b.currency === file.currency || b.currency === 'XXX'));
  const weighed = offered.map(p => {
    const reasons: PresetReason[] = [];
    const title = file.acquirerName ?? '';
    if (title && namesIn(p, title)) reasons.push({ code: 'title_names', name: title });
    else {
      const other = presets.find(
        o => o.profile.format === file.format && o.names.length && !o.names.some(n => p.names.includes(n)) && namesIn(o, title),
      );
      if (title && other) reasons.push({ code: 'title_other', name: title });
    }
    if (p.merchantPrefixes?.length && file.merchantIds.length) {
      const own = file.merchantIds.filter(id => ownsMerchant(p, id));
      if (own.length) reasons.push({ code: 'merchant_ids', ids: own.slice(0, 3) });
      else {
        const other = presets.find(o => o !== p && file.merchantIds.some(id => ownsMerchant(o, id)));
        if (other) reasons.push({ code: 'merchant_ids_other', ids: file.merchantIds.slice(0, 3), other: other.id });
      }
    }
    if (credits.length && p.id !== 'mapped') {
      const from = creditsFrom(p.profile.bankCounterparties, credits);
      if (from > 0) reasons.push({ code: 'bank_credits', count: from });
      else reasons.push({ code: 'no_bank_credits', names: p.profile.bankCounterparties, credits: credits.length });
    }
    const against = reasons.filter(contradicts).length;
    const score = reasons.reduce(
      (s, r) => s + (r.code === 'title_names' ? 4 : r.code === 'merchant_ids' ? 2 : r.code === 'bank_credits' ? 1 : 0),
      0,
    );
    return { preset: p, reasons, against, score };
  });
  weighed.sort((a, b) => Number(a.against > 0) - Number(b.against > 0) || b.score - a.score);
  return weighed.map((w, i): PresetFit => {
    const first = i === 0 && w.against === 0 && (w.score > 0 || weighed.filter(o => o.against === 0).length === 1);
    return { presetId: w.preset.id, verdict: w.against > 0 ? 'contradicted' : first ? 'suggested' : 'fits', reasons: w.reasons };
  });
}

/** The most common currency of a file's rows, or null when it has none. */
export function mainCurrency(txns: readonly AcquirerTxn[]): string | null {
  const counts = new Map<string, number>();
  for (const t of txns) counts.set(t.currency, (counts.get(t.currency) ?? 0) + 1);
  let best: string | null = null;
  for (const [c, n] of counts) if (best === null || n > counts.get(best)!) best = c;
  return best;
}

/** A settlement lag read from the file: business days from trade to printed settlement date, and on how many rows. */
export interface LagGuess {
  readonly businessDays: number;
  /** Rows with a printed settlement date that show this lag, of `rows` that print one. */
  readonly agreeing: number;
  readonly rows: number;
}

/**
 * The settlement lag the export's printed settlement dates show (清算日期, automatic_payout_effective_at): the most
 * common count of business days on the calendar from each sale's trade day (the next day when it was made at or
 * after the cut-off) to its settlement date; null when no sale prints one.
 */
export function guessLag(txns: readonly AcquirerTxn[], calendarId: string, cutoff?: string): LagGuess | null {
  const spec = findCalendar(calendarId);
  if (!spec) return null;
  const calendar = compileCalendar(spec);
  const counts = new Map<number, number>();
  let rows = 0;
  for (const t of txns) {
    if (t.kind !== 'sale' || !t.settlementDate || t.voided) continue;
    const day = t.at.slice(0, 10);
    const time = t.at.slice(11, 16);
    const tradeDay = cutoff && time >= cutoff ? addDays(day, 1) : day;
    const lag = calendar.businessDaysBetween(tradeDay, t.settlementDate);
    if (lag < 0 || lag > 30) continue;
    rows++;
    counts.set(lag, (counts.get(lag) ?? 0) + 1);
  }
  if (rows === 0) return null;
  let best = -1;
  for (const [lag, n] of counts) if (best < 0 || n > counts.get(best)! || (n === counts.get(best) && lag < best)) best = lag;
  return { businessDays: best, agreeing: counts.get(best)!, rows };
}

/**
 * What speaks against a profile a file was assigned to (a config made by hand, or a preset chosen against the
 * flag): the file's title line naming another acquirer, merchant numbers of another acquirer, bank credits held
 * and none carrying the profile's names. Judged as the preset of the profile's id (or of its format and bank
 * names) would be; empty when nothing does, or when no preset knows the acquirer (a mapped file, a portal capture).
 */
export function profileDoubts(
  profile: AcquirerProfile,
  file: FileEvidence,
  bankLines: readonly BankLine[] = [],
  presets: readonly AcquirerPreset[] = ACQUIRER_PRESETS,
): PresetReason[] {
  const sameFormat = presets.filter(p => p.profile.format === profile.format && p.names.length > 0);
  const known =
    sameFormat.find(p => p.profile.id === profile.id) ??
    sameFormat.find(p => p.profile.bankCounterparties.some(c => profile.bankCounterparties.includes(c)));
  if (!known) return [];
  const self: AcquirerPreset = { ...known, id: profile.id, profile: { ...known.profile, ...profile } };
  const others = presets.filter(p => p !== known);
  const fit = rankPresets({ ...file, currency: profile.currency }, bankLines, [self, ...others]).find(f => f.presetId === profile.id);
  return fit ? fit.reasons.filter(contradicts) : [];
}
