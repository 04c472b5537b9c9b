// summary.html: the case on printable pages — who, what, when, how much, the batches, the timeline, the
// checklist, the transactions and bank lines, the files it rests on and what the pack holds.
import type { Lang } from '../messages/types';
import { esc, facts, list, page, table, type Cell } from './html';
import type { EvidenceEvent, EvidenceInput } from './types';
import { accounts, acquirerName, alertSentence, figures, lineTable, merchantIds, PRINTED_ROWS, txnTable } from './view';
import type { EvidenceWords } from './words/types';

/** One timeline event's cells in words: date, by, event, whom, note. */
export function eventCells(e: EvidenceEvent, w: EvidenceWords, currency: string): [string, string, string, string, string] {
  const f = w.formats;
  if (e.by === 'merchant') return [f.date(e.on.slice(0, 10)), w.eventBy.merchant, e.action, e.whom, e.note];
  const amount = e.amountMinor === null ? null : f.money(e.amountMinor, currency);
  return [f.date(e.on.slice(0, 10)), w.eventBy.data, w.events[e.code](amount, e.ref), '', ''];
}

/** The case's status in words (a code the catalog does not know is printed as it is). */
export function caseStatus(input: EvidenceInput, w: EvidenceWords): string {
  return w.caseStatuses[input.status] ?? input.status;
}

/** summary.html in one language. */
export function summaryHtml(input: EvidenceInput, w: EvidenceWords, lang: Lang, files: readonly string[]): string {
  const { alert } = input;
  const f = w.formats;
  const terminals = [...new Set(input.transactions.filter(t => t.inAlert).map(t => t.terminal ?? ''))].filter(Boolean).sort();
  const who: [string, string][] = [
    [w.label.acquirer, acquirerName(input)],
    [w.label.merchantIds, merchantIds(input).join(', ') || '—'],
    ...(terminals.length ? [[w.label.terminals, terminals.join(', ')] as [string, string]] : []),
    [w.label.accounts, accounts(input).join(', ') || '—'],
  ];
  const what: [string, string][] = [
    [w.label.what, w.kinds[alert.kind]],
    [w.label.severity, w.severities[alert.severity]],
    [w.label.caseStatus, caseStatus(input, w)],
    ...(input.followUpOn ? [[w.label.followUp, f.date(input.followUpOn)] as [string, string]] : []),
    [w.label.firstContact, w.contacts[input.firstContact]],
    [w.label.asOf, f.date(input.asOf)],
    [w.label.madeOn, f.date(input.madeOn)],
    [w.label.alertId, alert.id],
  ];
  const num = (text: string): Cell => ({ text, cls: 'num' });
  const lineOf = new Map(input.bankLines.map(l => [l.id, l]));
  const batches = table(
    [w.label.batch, w.label.tradeDate, w.label.expectedOn, num(w.label.count), num(w.csv.transactions[9]!), w.label.link],
    input.batches.map(b => {
      const line = b.bankLineId ? lineOf.get(b.bankLineId) : undefined;
      return {
        cells: [
          { text: b.payoutId ?? b.id, cls: 'id' },
          { text: f.date(b.tradeDate), cls: 'nowrap' },
          { text: f.date(b.expectedOn), cls: 'nowrap' },
          num(f.count(b.transactionCount)),
          num(f.money(b.netMinor, b.currency)),
          line ? `${f.date(line.bookedOn)} · ${f.money(line.amountMinor, line.currency)} · ${line.id}` : (b.bankLineId ?? w.label.notLinked),
        ] as Cell[],
      };
    }),
  );
  const timeline = table(
    w.csv.timeline,
    input.timeline.map(e => ({ cells: eventCells(e, w, alert.currency) })),
  );
  const steps = `<ul class="steps">${input.checklist
    .map(
      s =>
        `<li><span class="box">${s.done ? '☑' : '☐'}</span>${esc(w.steps[s.step])}${s.on ? ` <span class="muted">· ${esc(f.date(s.on.slice(0, 10)))}</span>` : ''}${s.note ? ` — ${esc(s.note)}` : ''}</li>`,
    )
    .join('')}</ul>`;
  const cut = (shown: number, total: number, file: string) =>
    total > shown ? `<p class="muted small">${esc(w.tableCut(shown, total, file))}</p>` : '';
  const sources = table(
    [w.csv.sources[0]!, w.csv.sources[2]!, w.csv.sources[1]!],
    input.sources.map(s => ({ cells: [s.name, s.role, { text: s.sha256, cls: 'id' }] as Cell[] })),
  );
  const body = `
<h1>${esc(w.summaryTitle)} — ${esc(w.kinds[alert.kind])}</h1>
<p class="lead">${esc(alertSentence(input, lang))}</p>
<h2>${esc(w.label.who)}</h2>
${facts(who)}
<h2>${esc(w.label.what)} · ${esc(w.label.when)}</h2>
${facts(what)}
<h2>${esc(w.label.howMuch)}</h2>
${facts(figures(input, w))}
${input.batches.length ? `<h2>${esc(w.section.batches)}</h2>\n${batches}` : ''}
<h2>${esc(w.section.timeline)}</h2>
${input.timeline.length ? timeline : `<p>${esc(w.noRows)}</p>`}
<h2>${esc(w.section.checklist)}</h2>
${steps}
<h2>${esc(w.section.transactions)} (${esc(f.count(input.transactions.length))})</h2>
${input.transactions.length ? txnTable(input.transactions, w) : `<p>${esc(w.noRows)}</p>`}
${cut(PRINTED_ROWS, input.transactions.length, 'transactions.csv')}
<h2>${esc(w.section.bankLines)}</h2>
<p class="muted small">${esc(w.bankWindow(f.date(input.bankWindow.from), f.date(input.bankWindow.to), input.bankWindow.accounts.join(', ') || '—'))}</p>
${input.bankLines.length ? lineTable(input, w) : `<p>${esc(w.noRows)}</p>`}
${cut(PRINTED_ROWS, input.bankLines.length, 'bank-lines.csv')}
<h2>${esc(w.section.sources)}</h2>
${input.sources.length ? sources : `<p>${esc(w.noRows)}</p>`}
${input.vouchers.length ? `<h2>${esc(w.section.vouchers)}</h2>\n${list(input.vouchers.map(v => `vouchers/${v.name}${v.note ? ` — ${v.note}` : ''}`))}` : ''}
<h2>${esc(w.section.files)}</h2>
${list(files)}
`;
  return page(w.htmlLang, `${w.summaryTitle} — ${w.kinds[alert.kind]} — ${alert.id}`, body);
}
