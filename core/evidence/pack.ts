// One ZIP per case: summary.html, the three letters, transactions.csv, bank-lines.csv, timeline.csv,
// sources.csv, case.json and the vouchers. In one language the files sit at the top; in both, each
// language's files sit in zh/ and en/, with case.json and the vouchers once at the top.
import { strToU8, zipSync, type Zippable } from 'fflate';
import type { Lang } from '../messages/types';
import { renderAlert } from '../messages/index';
import { csvBytes, type CsvCell } from './csv';
import { acquirerLetter, bankLetter, LETTERS, regulatorLetter } from './letters';
import { eventCells, summaryHtml } from './summary';
import type { EvidenceInput, EvidencePack, PackLang } from './types';
import { enWords } from './words/en';
import type { EvidenceWords } from './words/types';
import { zhWords } from './words/zh';

/** Each language's words for the pack. */
export const EVIDENCE_WORDS: Readonly<Record<Lang, EvidenceWords>> = { en: enWords, zh: zhWords };

/** The CSV files of a pack, in the order the summary lists them. */
export const CSV_FILES = ['transactions.csv', 'bank-lines.csv', 'timeline.csv', 'sources.csv'] as const;

/** A short stable tag of a text (FNV-1a, 32 bits, hex): two alerts of a day get two file names. */
function tag(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h.toString(16).padStart(8, '0');
}

/** The file name of a case's pack: kind, acquirer, due date (or the day it was made) and a tag of the alert id. */
export function packName(input: EvidenceInput): string {
  const { alert } = input;
  const day = alert.expectedOn ?? alert.from ?? input.madeOn;
  const who = (alert.acquirer || 'all').replace(/[^A-Za-z0-9_-]+/g, '_');
  return `settlewatch-evidence-${alert.kind}-${who}-${day}-${tag(alert.id)}.zip`;
}

/** A voucher's name as a safe file name inside the pack, unique among the others. */
function voucherNames(names: readonly string[]): string[] {
  const used = new Set<string>();
  return names.map((raw, i) => {
    const visible = [...raw].map(ch => (ch < ' ' ? '_' : ch)).join('');
    const clean = visible.replace(/[\\/:*?"<>|]+/g, '_').replace(/^\.+/, '') || `voucher-${i + 1}`;
    let name = clean;
    for (let n = 2; used.has(name.toLowerCase()); n++) name = clean.replace(/(\.[^.]*)?$/, `-${n}$1`);
    used.add(name.toLowerCase());
    return name;
  });
}

/** The rows of each CSV file in one language. */
function csvFiles(input: EvidenceInput, w: EvidenceWords, lang: Lang): Record<(typeof CSV_FILES)[number], Uint8Array> {
  const money = (minor: number, currency: string): CsvCell => ({ minor, currency });
  const yesNo = (b: boolean) => (b ? w.yes : w.no);
  return {
    'transactions.csv': csvBytes(
      w.csv.transactions,
      input.transactions.map(t => [
        t.id,
        t.at.replace('T', ' '),
        t.acquirer,
        t.merchantId,
        t.terminal,
        t.card,
        w.txnKinds[t.kind],
        money(t.grossMinor, t.currency),
        money(t.feeMinor, t.currency),
        money(t.netMinor, t.currency),
        t.currency,
        t.expectedOn,
        w.statuses[t.status],
        t.bankLineIds.join(' '),
        t.batchId,
        t.payoutId,
        t.settlementDate,
        yesNo(t.inAlert),
      ]),
    ),
    'bank-lines.csv': csvBytes(
      w.csv.bankLines,
      input.bankLines.map(l => [
        l.id,
        l.account,
        l.bookedOn,
        l.valueOn,
        money(l.amountMinor, l.currency),
        l.currency,
        l.balanceMinor === null ? null : money(l.balanceMinor, l.currency),
        l.counterparty,
        l.description,
        l.paysBatchIds.join(' '),
        yesNo(l.inCase),
      ]),
    ),
    'timeline.csv': csvBytes(
      w.csv.timeline,
      input.timeline.map(e => eventCells(e, w, lang, input.alert.currency).map((c, i) => (i === 0 ? e.on.slice(0, 10) : c))),
    ),
    'sources.csv': csvBytes(
      w.csv.sources,
      input.sources.map(s => [s.name, s.sha256, s.role, s.format, s.from, s.to]),
    ),
  };
}

/** The files of one language, by name. */
function languageFiles(input: EvidenceInput, lang: Lang, vouchers: readonly string[]): Record<string, Uint8Array> {
  const w = EVIDENCE_WORDS[lang];
  const listed = [
    w.files.summary,
    w.files.letterAcquirer,
    w.files.letterBank,
    w.files.letterRegulator,
    w.files.transactions,
    w.files.bankLines,
    w.files.timeline,
    w.files.sources,
    w.files.caseJson,
    ...(vouchers.length ? [w.files.vouchers] : []),
  ];
  const [acquirer, bank, regulator] = LETTERS;
  return {
    'summary.html': strToU8(summaryHtml(input, w, lang, listed, vouchers)),
    [acquirer]: strToU8(acquirerLetter(input, w, lang)),
    [bank]: strToU8(bankLetter(input, w, lang)),
    [regulator]: strToU8(regulatorLetter(input, w, lang)),
    ...csvFiles(input, w, lang),
  };
}

/** case.json: the case as data (codes and minor units, no words but the alert's message in each language). */
export function caseJson(input: EvidenceInput, langs: readonly Lang[], vouchers: readonly string[]): string {
  const { profile } = input;
  return JSON.stringify(
    {
      schema: 'settlewatch.case/1',
      alert: { ...input.alert, messages: Object.fromEntries(langs.map(l => [l, renderAlert(input.alert, l)])) },
      asOf: input.asOf,
      madeOn: input.madeOn,
      status: input.status,
      followUpOn: input.followUpOn,
      advice: input.advice,
      acquirer: profile
        ? {
            id: profile.id,
            name: profile.name,
            merchantIds: profile.merchantIds ?? [],
            currency: profile.currency,
            settlementLagBusinessDays: profile.settlementLagBusinessDays,
            bankCounterparties: profile.bankCounterparties,
            fees: profile.fees ?? [],
          }
        : null,
      merchant: input.merchant,
      batches: input.batches,
      links: input.links,
      transactions: input.transactions,
      bankWindow: input.bankWindow,
      bankLines: input.bankLines,
      timeline: input.timeline,
      checklist: input.checklist,
      sources: input.sources,
      vouchers: input.vouchers.map((v, i) => ({
        file: `vouchers/${vouchers[i]}`,
        name: v.name,
        type: v.type,
        note: v.note,
        addedAt: v.addedAt,
      })),
    },
    null,
    2,
  );
}

/** The pack of one case as ZIP bytes, in `lang` or in both languages. */
export function buildEvidencePack(input: EvidenceInput, lang: PackLang): EvidencePack {
  const vouchers = voucherNames(input.vouchers.map(v => v.name));
  const langs: Lang[] = lang === 'both' ? ['zh', 'en'] : [lang];
  const tree: Zippable = {};
  for (const l of langs) {
    const files = languageFiles(input, l, vouchers);
    if (lang === 'both') tree[l] = files;
    else Object.assign(tree, files);
  }
  tree['case.json'] = strToU8(caseJson(input, langs, vouchers));
  if (vouchers.length) tree['vouchers'] = Object.fromEntries(input.vouchers.map((v, i) => [vouchers[i]!, [v.bytes, { level: 0 }]]));
  // A fixed time for every entry: the same case gives the same bytes.
  const bytes = zipSync(tree, { level: 6, mtime: `${input.madeOn}T00:00:00Z` });
  return { name: packName(input), bytes };
}
