// The letters of a pack, filled from the case: to the acquirer, to the bank, and the complaint to the
// regulator with the parts a regulator asks for (who complains and how to reach them, against whom, the
// facts with dates and amounts, what was tried, what is asked). What the ledger does not know (the
// merchant's name, telephone, address) is a line to write on.
import { addDays } from '../model/date';
import { CATALOGS } from '../messages/index';
import type { Lang } from '../messages/types';
import { esc, facts, list, page, table, type Cell } from './html';
import type { EvidenceInput } from './types';
import { accounts, acquirerName, alertTxns, batchTable, figures, letterFacts, merchantIds, txnTable } from './view';
import type { EvidenceWords, RegulatorCode } from './words/types';

/** Rows of the alert's transactions a letter lists; the rest are in transactions.csv. */
export const LETTER_ROWS = 50;
/** Days a letter gives for a written answer. */
export const REPLY_DAYS = 10;

/** Which letters a pack holds, by file name. */
export const LETTERS = ['letter-acquirer.html', 'letter-bank.html', 'letter-regulator.html'] as const;

/** The regulator a complaint goes to: in China the PBoC (12363) for a payment institution, the NFRA (12378) for a bank. */
export function regulatorOf(input: EvidenceInput): RegulatorCode {
  if (input.alert.currency !== 'CNY') return 'other';
  return against(input) === 'bank' ? 'nfra' : 'pboc';
}

/** Whom a complaint is against: the bank when the case asks the bank first, else the acquirer. */
export function against(input: EvidenceInput): 'acquirer' | 'bank' {
  return input.advice.first === 'bank' ? 'bank' : 'acquirer';
}

function blankOr(value: string | null): string {
  return value ? esc(value) : '<span class="blank"></span>';
}

/** The merchant's block: name, contact and address (lines to fill when unknown), merchant numbers, accounts. */
function merchantBlock(input: EvidenceInput, w: EvidenceWords): string {
  const rows: [string, string][] = [
    [w.letter.name, blankOr(input.merchant.name)],
    [w.letter.contact, blankOr(input.merchant.contact)],
    [w.letter.address, blankOr(input.merchant.address)],
    [w.label.merchantIds, esc(merchantIds(input).join(', ') || '—')],
    [w.label.accounts, esc(accounts(input).join(', ') || '—')],
  ];
  return `<dl class="facts">${rows.map(([k, v]) => `<div><dt>${esc(k)}</dt><dd>${v}</dd></div>`).join('')}</dl>`;
}

/** The case's own bank lines as a table (the credit asked about, the short one, the unknown one). */
function ownLines(input: EvidenceInput, w: EvidenceWords): string {
  const own = input.bankLines.filter(l => l.inCase);
  if (!own.length) return '';
  const f = w.formats;
  const h = w.csv.bankLines;
  return (
    `<h2>${esc(w.label.link)}</h2>\n` +
    table(
      [h[2]!, h[0]!, h[1]!, { text: h[4]!, cls: 'num' }, `${h[7]!} · ${h[8]!}`],
      own.map(l => ({
        cells: [
          { text: f.date(l.bookedOn), cls: 'nowrap' },
          { text: l.id, cls: 'id' },
          { text: l.account, cls: 'id' },
          { text: f.money(l.amountMinor, l.currency), cls: 'num' },
          [l.counterparty, l.description].filter(Boolean).join(' · '),
        ] as Cell[],
      })),
    )
  );
}

/** The transactions a letter names: the alert's own, at most {@link LETTER_ROWS}, with a note when more are in the CSV. */
function references(input: EvidenceInput, w: EvidenceWords): string {
  const txns = alertTxns(input);
  if (!txns.length) return '';
  const more =
    txns.length > LETTER_ROWS ? `<p class="muted small">${esc(w.tableCut(LETTER_ROWS, txns.length, 'transactions.csv'))}</p>` : '';
  return `<h2>${esc(w.letter.references)}</h2>\n${txnTable(txns, w, LETTER_ROWS)}${more}`;
}

/** Where the merchant signs, with the day the pack was made as the letter's date. */
function signature(input: EvidenceInput, w: EvidenceWords): string {
  return `<div class="sign"><div>${esc(w.letter.signature)}</div><div>${esc(w.letter.date)}${esc(w.colon)}${esc(w.formats.date(input.madeOn))}</div></div>`;
}

interface LetterParts {
  /** Whom the letter greets, and the addressee's facts. */
  readonly toName: string;
  readonly to: readonly (readonly [string, string])[];
  readonly subject: string;
  readonly body: string;
  /** Facts beside the figures (the payer's name, the payout reference). */
  readonly facts?: readonly (readonly [string, string])[];
  readonly extra: string;
  readonly ask: readonly string[];
  readonly attachments: readonly string[];
}

function letter(input: EvidenceInput, w: EvidenceWords, parts: LetterParts): string {
  const f = w.formats;
  const closing = w.letter.closing
    .split('\n')
    .map(line => `<p>${esc(line)}</p>`)
    .join('');
  const body = `
<h1 class="subject">${esc(parts.subject)}</h1>
<div class="letterhead">
<section><h2>${esc(w.letter.from)}</h2>${merchantBlock(input, w)}</section>
<section><h2>${esc(w.letter.to)}</h2>${facts(parts.to)}</section>
</div>
<p>${esc(w.letter.greeting(parts.toName))}</p>
<h2>${esc(w.letter.facts)}</h2>
<p>${esc(parts.body)}</p>
${facts([...figures(input, w), ...(parts.facts ?? [])])}
${parts.extra}
<h2>${esc(w.letter.asked)}</h2>
${list(parts.ask, true)}
<p>${esc(w.letter.replyBy(f.date(addDays(input.madeOn, REPLY_DAYS))))}</p>
<h2>${esc(w.letter.attachments)}</h2>
${list(parts.attachments)}
${closing}
${signature(input, w)}
`;
  return page(w.htmlLang, parts.subject, body);
}

function attachments(input: EvidenceInput, w: EvidenceWords, extra: readonly string[] = []): string[] {
  return [
    ...extra,
    w.files.summary,
    ...(input.transactions.length ? [w.files.transactions] : []),
    w.files.bankLines,
    ...(input.vouchers.length ? [w.files.vouchers] : []),
  ];
}

/** The letter to the acquirer. */
export function acquirerLetter(input: EvidenceInput, w: EvidenceWords, lang: Lang): string {
  const lf = letterFacts(input, w, lang);
  const kind = input.alert.kind;
  const name = acquirerName(input, w);
  return letter(input, w, {
    toName: name,
    to: [
      [w.label.acquirer, name],
      [w.label.merchantIds, lf.merchantIds],
    ],
    subject: w.letter.acquirerSubject[kind](lf),
    body: w.letter.acquirerBody[kind](lf),
    extra: references(input, w) + ownLines(input, w),
    ask: w.letter.acquirerAsk[kind](lf),
    attachments: attachments(input, w),
  });
}

/** The letter to the bank that keeps the account. */
export function bankLetter(input: EvidenceInput, w: EvidenceWords, lang: Lang): string {
  const lf = letterFacts(input, w, lang);
  const kind = input.alert.kind;
  const payer = [...new Set(input.profile?.bankCounterparties ?? [])].join(', ');
  const payouts = [...new Set(alertTxns(input).map(t => t.payoutId ?? ''))].filter(Boolean);
  const detail: [string, string][] = [
    ...(payer ? [[w.csv.bankLines[7]!, payer] as [string, string]] : []),
    ...(payouts.length ? [[w.label.payout, payouts.join(', ')] as [string, string]] : []),
  ];
  return letter(input, w, {
    toName: w.letter.bankTo,
    to: [[w.letter.bankTo, lf.accounts]],
    subject: w.letter.bankSubject[kind](lf),
    body: w.letter.bankBody[kind](lf),
    facts: detail,
    // The bank knows credits, not card references: the credits expected, and the one booked.
    extra: (input.batches.length ? `<h2>${esc(w.section.batches)}</h2>\n${batchTable(input, w)}` : '') + ownLines(input, w),
    ask: w.letter.bankAsk[kind](lf),
    attachments: attachments(input, w),
  });
}

/** The complaint to the regulator: against the acquirer or the bank, whichever the case asks first. */
export function regulatorLetter(input: EvidenceInput, w: EvidenceWords, lang: Lang): string {
  const lf = letterFacts(input, w, lang);
  const kind = input.alert.kind;
  const regulator = regulatorOf(input);
  const party = against(input);
  const respondent = party === 'bank' ? `${w.letter.bankTo} ${lf.accounts}` : acquirerName(input, w);
  const f = w.formats;
  const cases = CATALOGS[lang].cases;
  const tried = input.timeline.flatMap(e =>
    e.by === 'merchant'
      ? [`${f.date(e.on.slice(0, 10))} · ${cases.action[e.action]} · ${cases.counterpart[e.whom]}${e.note ? ` — ${e.note}` : ''}`]
      : [],
  );
  const lines = '<p class="fill"></p>'.repeat(3);
  const triedText = tried.length ? list(tried) : `<p>${esc(w.letter.complaintTriedNone)}</p>${lines}`;
  const parties = `
<h2>${esc(w.letter.complainant)}</h2>
${merchantBlock(input, w)}
<h2>${esc(w.letter.respondent)}</h2>
${facts([
  [w.letter.respondentRole[party], respondent],
  ...(party === 'acquirer' ? [[w.label.merchantIds, lf.merchantIds] as [string, string]] : []),
])}`;
  const body = `
<h1 class="subject">${esc(w.letter.complaintSubject(respondent, lf))}</h1>
<h2>${esc(w.letter.to)}</h2>
<p>${esc(w.letter.regulators[regulator])}</p>
<p class="muted small">${esc(w.letter.regulatorWhy[regulator])}</p>
${parties}
<h2>${esc(w.letter.complaintFacts)}</h2>
<p>${esc(lf.alertSentence)}</p>
${facts(figures(input, w))}
${references(input, w)}
${ownLines(input, w)}
<h2>${esc(w.letter.complaintTried)}</h2>
${triedText}
<h2>${esc(w.letter.asked)}</h2>
${list(w.letter.complaintAsk[kind](lf, respondent), true)}
<p>${esc(w.letter.complaintTruth)}</p>
<h2>${esc(w.letter.attachments)}</h2>
${list(attachments(input, w, [w.files.letterAcquirer, w.files.letterBank, w.files.timeline, w.files.sources]))}
${signature(input, w)}
`;
  return page(w.htmlLang, w.letter.complaintSubject(respondent, lf), body);
}
