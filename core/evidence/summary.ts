// summary.html: the case on printable pages — who, what, when, how much, the batches, the timeline, the
// checklist, the transactions and bank lines, the files it rests on and what the pack holds.
import { CATALOGS, renderAdvice, renderEvent, renderFact } from '../messages/index';
import type { Lang } from '../messages/types';
import { esc, facts, list, page, table, type Cell } from './html';
import type { EvidenceEvent, EvidenceInput } from './types';
import { accounts, acquirerName, alertSentence, batchTable, figures, lineTable, merchantIds, PRINTED_ROWS, txnTable } from './view';
import type { EvidenceWords } from './words/types';

/** One timeline event's cells in words: date, by, event, whom, note. */
export function eventCells(e: EvidenceEvent, w: EvidenceWords, lang: Lang, currency: string): [string, string, string, string, string] {
  const f = w.formats;
  const day = f.date(e.on.slice(0, 10));
  if (e.by === 'engine') return [day, w.eventBy.engine, renderEvent(e.event, lang), '', ''];
  if (e.by === 'merchant') {
    const c = CATALOGS[lang].cases;
    return [day, w.eventBy.merchant, c.action[e.action], c.counterpart[e.whom], e.note];
  }
  const amount = e.amountMinor === null ? null : f.money(e.amountMinor, currency);
  return [day, w.eventBy.data, w.events[e.code](amount, e.ref, e.until ? f.date(e.until) : null), '', ''];
}

/** Whom to ask first (and next), in words. */
export function whomFirst(input: EvidenceInput, w: EvidenceWords, lang: Lang): string {
  const c = CATALOGS[lang].cases;
  const { first, then } = input.advice;
  return then ? `${c.first[first]}${w.comma}${c.then[then]}` : c.first[first];
}

/** The checklist: each remedy ticked or not, by whom and when. */
export function checklistHtml(input: EvidenceInput, w: EvidenceWords, lang: Lang): string {
  const c = CATALOGS[lang].cases;
  const f = w.formats;
  const items = input.checklist.map(s => {
    const by =
      s.by === 'data' && s.shownBy ? `${w.tickedBy.data}${w.colon}${c.shownBy[s.shownBy]}` : s.by === 'merchant' ? w.tickedBy.merchant : '';
    const when = s.on ? f.date(s.on.slice(0, 10)) : '';
    const tail = [by, when].filter(Boolean).join(' · ');
    return `<li><span class="box">${s.done ? '☑' : '☐'}</span>${esc(c.steps[s.step].title)}${tail ? ` <span class="muted">· ${esc(tail)}</span>` : ''}${s.note ? ` — ${esc(s.note)}` : ''}</li>`;
  });
  return `<ul class="steps">${items.join('')}</ul>`;
}

/** summary.html in one language; `vouchers` are the vouchers' names inside the pack. */
export function summaryHtml(
  input: EvidenceInput,
  w: EvidenceWords,
  lang: Lang,
  files: readonly string[],
  vouchers: readonly string[],
): string {
  const { alert } = input;
  const f = w.formats;
  const terminals = [...new Set(input.transactions.filter(t => t.inAlert).map(t => t.terminal ?? ''))].filter(Boolean).sort();
  const who: [string, string][] = [
    [w.label.acquirer, acquirerName(input, w)],
    [w.label.merchantIds, merchantIds(input).join(', ') || '—'],
    ...(terminals.length ? [[w.label.terminals, terminals.join(', ')] as [string, string]] : []),
    [w.label.accounts, accounts(input).join(', ') || '—'],
  ];
  const what: [string, string][] = [
    [w.label.what, w.kinds[alert.kind]],
    [w.label.severity, w.severities[alert.severity]],
    [w.label.caseStatus, CATALOGS[lang].cases.status[input.status]],
    ...(input.followUpOn ? [[w.label.followUp, f.date(input.followUpOn)] as [string, string]] : []),
    [w.label.asOf, f.date(input.asOf)],
    [w.label.madeOn, f.date(input.madeOn)],
    [w.label.alertId, alert.id],
  ];

  // Whom and note are the merchant's: without a merchant entry the columns would stay empty.
  const width = input.timeline.some(e => e.by === 'merchant') ? 5 : 3;
  const timeline = table(
    w.csv.timeline.slice(0, width),
    input.timeline.map(e => ({ cells: eventCells(e, w, lang, alert.currency).slice(0, width) })),
  );
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
<h2>${esc(w.label.firstContact)}${esc(w.colon)}${esc(whomFirst(input, w, lang))}</h2>
<p>${esc(renderAdvice(input.advice, lang))}</p>
${facts(input.advice.facts.map(x => renderFact(x, lang)).map(({ label, value }) => [label, value] as [string, string]))}
${input.batches.length ? `<h2>${esc(w.section.batches)}</h2>\n${batchTable(input, w)}` : ''}
<h2>${esc(w.section.timeline)}</h2>
${input.timeline.length ? timeline : `<p>${esc(w.noRows)}</p>`}
<h2>${esc(w.section.checklist)}</h2>
${checklistHtml(input, w, lang)}
<h2>${esc(w.section.transactions)} (${esc(f.count(input.transactions.length))})</h2>
${input.transactions.length ? txnTable(input.transactions, w) : `<p>${esc(w.noRows)}</p>`}
${cut(PRINTED_ROWS, input.transactions.length, 'transactions.csv')}
<h2>${esc(w.section.bankLines)}</h2>
<p class="muted small">${esc(w.bankWindow(f.date(input.bankWindow.from), f.date(input.bankWindow.to), input.bankWindow.accounts.join(', ') || '—'))}</p>
${input.bankLines.length ? lineTable(input, w) : `<p>${esc(w.noRows)}</p>`}
${cut(PRINTED_ROWS, input.bankLines.length, 'bank-lines.csv')}
<h2>${esc(w.section.sources)}</h2>
${input.sources.length ? sources : `<p>${esc(w.noRows)}</p>`}
${input.vouchers.length ? `<h2>${esc(w.section.vouchers)}</h2>\n${list(input.vouchers.map((v, i) => `vouchers/${vouchers[i]}${v.note ? ` — ${v.note}` : ''}`))}` : ''}
<h2>${esc(w.section.files)}</h2>
${list(files)}
`;
  return page(w.htmlLang, `${w.summaryTitle} — ${w.kinds[alert.kind]} — ${alert.id}`, body);
}
