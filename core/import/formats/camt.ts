import { decodeEntities } from '../entities';
import { decodeText, detectEncoding, type Encoding } from '../decode';
import { minorDigits, parseAmount } from '../../model/money';
import { isIsoDate } from '../../model/date';
import type { BankLine, Format, ParseContext, ParseIssue, ParseResult, StatementPeriod } from '../../model/types';

/*
 * ISO 20022 bank-to-customer cash management: camt.053 statements (BkToCstmrStmt/Stmt), camt.052 intraday
 * reports (BkToCstmrAcctRpt/Rpt) and camt.054 debit/credit notifications (BkToCstmrDbtCdtNtfctn/Ntfctn).
 * All three carry the same `Ntry`, in every version seen (.001.02/.04/.06/.08), so one mapper reads them,
 * routed on the root element rather than the namespace's version.
 */

/** The record element each message kind repeats, by the element under Document (a Map: element names are data). */
const RECORDS: ReadonlyMap<string, string> = new Map([
  ['BkToCstmrStmt', 'Stmt'],
  ['BkToCstmrAcctRpt', 'Rpt'],
  ['BkToCstmrDbtCdtNtfctn', 'Ntfctn'],
  // Version .001.01 names the message with its version (genkgo camt052.v1.xml).
  ['BkToCstmrStmtV01', 'Stmt'],
  ['BkToCstmrAcctRptV01', 'Rpt'],
  ['BkToCstmrDbtCdtNtfctnV01', 'Ntfctn'],
]);

/** An XML element as read: local name (prefix dropped), attributes, children, own text and start line. */
interface XmlNode {
  readonly name: string;
  readonly attrs: Readonly<Record<string, string>>;
  readonly children: XmlNode[];
  text: string;
  readonly line: number;
}

/** The ISO 20022 camt.052 / camt.053 / camt.054 bank statement format. */
export const camtFormat: Format = {
  name: 'camt053',
  role: 'bank',
  sniff(head: string): number {
    const start = head.slice(0, 8192);
    if (/<(?:\w+:)?Document\b[^>]*camt\.05[234]\./.test(start)) return 0.97;
    if (/<(?:\w+:)?(?:BkToCstmrStmt|BkToCstmrAcctRpt|BkToCstmrDbtCdtNtfctn)\b/.test(start)) return 0.85;
    return 0;
  },
  parse: parseCamt,
};

/** What an entry needs from its Stmt / Rpt / Ntfctn, read once when its first entry closes. */
interface RecordContext {
  readonly id: string;
  readonly account: string;
  /** The date the Stmt / Rpt / Ntfctn was created (CreDtTm), for entries that print no date of their own. */
  readonly createdOn: string | null;
  entries: number;
}

/** Reads a camt.052/053/054 document into bank lines, one per booked `Ntry`. Never throws on bad input. */
export function parseCamt(bytes: Uint8Array, ctx: ParseContext): ParseResult {
  const issues: ParseIssue[] = [];
  let bankLines: BankLine[] = [];
  let periods: StatementPeriod[] = [];
  const result = (): ParseResult => ({
    format: 'camt053', role: 'bank', acquirerTxns: [], bankLines, issues, merchantIds: [], acquirerName: null, periods,
  });

  const text = decodeText(bytes, detectEncoding(bytes, declaredEncoding(bytes)));
  let lineCount = 0;
  const totalLines = (): number => {
    if (lineCount === 0) for (let nl = text.indexOf('\n'); ; nl = text.indexOf('\n', nl + 1)) { lineCount++; if (nl < 0) break; }
    return lineCount;
  };
  const contexts = new Map<XmlNode, RecordContext>();
  const seenIds = new Set<string>();
  const leftOut: LeftOut = new Map();
  let records = 0;
  const contextOf = (record: XmlNode): RecordContext => {
    let context = contexts.get(record);
    if (!context) {
      context = openRecord(record, ++records, issues);
      contexts.set(record, context);
    }
    return context;
  };
  // Entries are mapped as they close and then dropped from the tree: a year of statements stays small in memory.
  const root = readXml(text, issues, UNUSED, (node, parent) => {
    if (node.name === 'Ntry' && parent && RECORD_NAMES.has(parent.name)) {
      const context = contextOf(parent);
      context.entries++;
      const line = readEntry(node, context, `${context.id}#${context.entries}`, issues, seenIds, leftOut);
      if (line !== null && context.account !== '') bankLines.push(line);
      if (ctx.onProgress && context.entries % 1000 === 0) ctx.onProgress(Math.min(1, node.line / totalLines()));
      return true;
    }
    if (RECORD_NAMES.has(node.name)) {
      const period = periodOf(node, contextOf(node).account, issues);
      if (period) periods.push(period);
    }
    return false;
  });
  if (root === null) return result();
  for (const [status, { count, line }] of leftOut) {
    const what = status === 'PDNG' ? 'pending (Sts PDNG): not booked yet' : 'for information only (Sts INFO): not bookings';
    issues.push({ line, field: 'Sts', severity: 'warning', message: `${count} ${count === 1 ? 'entry is' : 'entries are'} left out as ${what}; the first is on this line` });
  }

  const doc = root.name === 'Document' ? root : null;
  const message = doc ? doc.children.find(c => RECORDS.has(c.name)) : RECORDS.has(root.name) ? root : undefined;
  // A Stmt under BkToCstmrAcctRpt, say, would mix message kinds: refuse rather than guess.
  const stray = message ? message.children.some(c => c.name !== RECORDS.get(message.name) && RECORD_NAMES.has(c.name)) : false;
  if (!message || stray) {
    const shown = doc?.children[0]?.name ?? root.name;
    issues.push({ line: root.line, field: root.name, severity: 'error', message: `<${shown}> is not a camt.052, camt.053 or camt.054 message (expected BkToCstmrStmt/Stmt, BkToCstmrAcctRpt/Rpt or BkToCstmrDbtCdtNtfctn/Ntfctn)` });
    bankLines = [];
    periods = [];
    return result();
  }
  ctx.onProgress?.(1);
  return result();
}

const RECORD_NAMES: ReadonlySet<string> = new Set(RECORDS.values());

/**
 * Aggregates no bank line reads (balances, summaries, codes, references, agents, addresses, structured
 * remittance, return details): skipped while reading, which keeps a year of statements fast.
 */
const UNUSED: ReadonlySet<string> = new Set([
  'GrpHdr', 'Bal', 'TxsSummry', 'BkTxCd', 'Refs', 'AmtDtls', 'RltdAgts', 'Chrgs', 'PstlAdr', 'RltdDts', 'RtrInf', 'Strd',
  'DbtrAcct', 'CdtrAcct', 'DbtrAgt', 'CdtrAgt', 'Intrst', 'Tax', 'RltdPric', 'RltdQties', 'Purp', 'CardTx', 'Btch',
  'AddtlTxInf', 'Ownr', 'Svcr', 'StmtPgntn', 'RptPgntn', 'NtfctnPgntn', 'TechInptChanl', 'FinInstrmId', 'SplmtryData',
]);

/** An encoding named in the XML declaration, as a hint for detectEncoding (valid UTF-8 still wins). */
function declaredEncoding(bytes: Uint8Array): Encoding | undefined {
  const head = decodeText(bytes.subarray(0, Math.min(bytes.length, 256)), 'windows-1252');
  const label = /^\s*<\?xml[^>]*encoding\s*=\s*["']([^"']+)["']/i.exec(head)?.[1]?.toUpperCase() ?? '';
  return label === 'ISO-8859-1' || label === 'WINDOWS-1252' || label === 'LATIN1' ? 'windows-1252' : undefined;
}

/** A Stmt / Rpt / Ntfctn's id and account (Acct precedes the entries in every version's schema). */
function openRecord(record: XmlNode, position: number, issues: ParseIssue[]): RecordContext {
  const id = textAt(record, 'Id') || `${record.name}${position}`;
  const accountId = child(record, 'Acct', 'Id');
  // .001.01 also writes BBAN and PrtryAcct/Id.
  const account = textAt(accountId, 'IBAN') || textAt(accountId, 'Othr', 'Id') || textAt(accountId, 'BBAN') || textAt(accountId, 'PrtryAcct', 'Id');
  if (account === '') {
    issues.push({ line: (child(record, 'Acct') ?? record).line, field: 'Acct', severity: 'error', message: `<${record.name}> ${id} names no account (Acct/Id/IBAN or Acct/Id/Othr/Id)` });
  }
  const created = /^(\d{4}-\d{2}-\d{2})/.exec(textAt(record, 'CreDtTm'))?.[1];
  return { id, account, createdOn: created !== undefined && isIsoDate(created) ? created : null, entries: 0 };
}

/** FrToDt: FrDtTm/ToDtTm in 052/053, FrDt/ToDt at some banks; a 054 often has none, and then there is no period. */
function periodOf(record: XmlNode, account: string, issues: ParseIssue[]): StatementPeriod | null {
  const span = child(record, 'FrToDt');
  if (!span) return null;
  const from = periodDate(child(span, 'FrDtTm') ?? child(span, 'FrDt'), issues);
  const to = periodDate(child(span, 'ToDtTm') ?? child(span, 'ToDt'), issues);
  return { account, from, to };
}

/**
 * A period bound: only its date matters, so a malformed time or offset after a good date (`2026-03-01T24:00:00`,
 * `2026-03-01T00:00:00+0100`) costs a warning, not the file. A bound with no date in it is still an error.
 */
function periodDate(node: XmlNode | undefined, issues: ParseIssue[]): string | null {
  if (!node) return null;
  const value = node.text.trim();
  const lead = /^(\d{4}-\d{2}-\d{2})/.exec(value)?.[1];
  if (lead === undefined || !isIsoDate(lead) || DATE_TIME.test(value)) return dateOf(node, 'FrToDt', issues);
  issues.push({ line: node.line, field: 'FrToDt', severity: 'warning', message: `"${value}" in FrToDt/${node.name} is not an ISO date-time; its date ${lead} is used` });
  return lead;
}

/** Entries left out by status (PDNG, INFO): how many, and the line of the first, for one warning each. */
type LeftOut = Map<string, { count: number; readonly line: number }>;

/** One `Ntry` to a bank line, or null when it is not booked yet or is malformed (with an issue). */
function readEntry(entry: XmlNode, record: RecordContext, fallbackId: string, issues: ParseIssue[], seenIds: Set<string>, leftOut: LeftOut): BankLine | null {
  const at = entry.line;
  const account = record.account;
  // ≤ v4 writes <Sts>BOOK</Sts>, v8 <Sts><Cd>BOOK</Cd></Sts>. Pending and information-only entries are not bookings.
  const stsNode = child(entry, 'Sts');
  const status = stsNode ? (stsNode.text.trim() || textAt(stsNode, 'Cd') || textAt(stsNode, 'Prtry')).toUpperCase() : '';
  if (status === 'PDNG' || status === 'INFO') {
    const counted = leftOut.get(status);
    if (counted) counted.count++;
    else leftOut.set(status, { count: 1, line: at });
    return null;
  }

  let ok = true;
  const amtNode = child(entry, 'Amt');
  const currency = (amtNode?.attrs['Ccy'] ?? '').trim().toUpperCase();
  if (!amtNode) {
    issues.push({ line: at, field: 'Amt', severity: 'error', message: 'the entry has no amount' });
    ok = false;
  } else if (!/^[A-Z]{3}$/.test(currency)) {
    issues.push({ line: amtNode.line, field: 'Amt@Ccy', severity: 'error', message: `"${amtNode.attrs['Ccy'] ?? ''}" is not an ISO 4217 currency code` });
    ok = false;
  }
  let magnitude = 0;
  if (amtNode && ok) {
    // camt amounts are unsigned with a point; extra zero decimals ("18.150", genkgo five.decimals) read exactly.
    const parsed = parseAmount(amtNode.text, { decimal: '.', digits: minorDigits(currency) });
    if (!parsed.ok) { issues.push({ line: amtNode.line, field: 'Amt', severity: 'error', message: `Amt ${parsed.message}` }); ok = false; }
    else if (parsed.minor < 0) { issues.push({ line: amtNode.line, field: 'Amt', severity: 'error', message: `Amt "${amtNode.text.trim()}" is negative; camt amounts are unsigned, with CdtDbtInd for the direction` }); ok = false; }
    else magnitude = parsed.minor;
  }

  // The sign is CdtDbtInd alone. RvslInd=true marks a reversal, and ISO 20022 says CdtDbtInd already gives the
  // direction of the reversing booking (CRDT reverses a debit), so RvslInd never flips the sign.
  const indicator = textAt(entry, 'CdtDbtInd').toUpperCase();
  if (indicator !== 'CRDT' && indicator !== 'DBIT') {
    issues.push({ line: child(entry, 'CdtDbtInd')?.line ?? at, field: 'CdtDbtInd', severity: 'error', message: `CdtDbtInd "${indicator}" is neither CRDT nor DBIT` });
    ok = false;
  }

  const bookedNode = child(entry, 'BookgDt');
  const bookedPrinted = bookedNode ? child(bookedNode, 'Dt') ?? child(bookedNode, 'DtTm') : undefined;
  let bookedOn = dateOf(bookedPrinted, 'BookgDt', issues);
  const valueNode = child(entry, 'ValDt');
  const valueOn = valueNode ? dateOf(child(valueNode, 'Dt') ?? child(valueNode, 'DtTm'), 'ValDt', issues) : null;
  if (valueNode && valueOn === null && (child(valueNode, 'Dt') ?? child(valueNode, 'DtTm'))) ok = false;
  if (bookedOn === null && !bookedPrinted) {
    if (valueOn !== null) {
      // Some banks' camt.052 book an entry with only its value date: the nearest date the file gives.
      bookedOn = valueOn;
      issues.push({ line: bookedNode?.line ?? at, field: 'BookgDt', severity: 'warning', message: `the booked entry has no booking date; its value date ${valueOn} is used` });
    } else if (record.createdOn !== null && !valueNode) {
      // A camt.054 notification may date only itself (genkgo camt054.v8-with-UETR): the entry is booked by then.
      bookedOn = record.createdOn;
      issues.push({ line: at, field: 'BookgDt', severity: 'warning', message: `the booked entry has neither a booking nor a value date; the date its message was created, ${record.createdOn}, is used` });
    } else {
      issues.push({ line: bookedNode?.line ?? at, field: 'BookgDt', severity: 'error', message: 'the booked entry has no booking date (BookgDt/Dt or BookgDt/DtTm) and no value date' });
    }
  }
  if (bookedOn === null) ok = false;
  if (!ok || bookedOn === null) return null;

  let id = reference(textAt(entry, 'AcctSvcrRef')) || reference(textAt(entry, 'NtryRef'));
  if (id === '') {
    // genkgo's camt053.v2.minimal has neither reference: position in the statement is the only stable key.
    id = fallbackId;
    issues.push({ line: at, field: 'AcctSvcrRef', severity: 'warning', message: `the entry has neither AcctSvcrRef nor NtryRef; it is kept as "${id}"` });
  } else if (seenIds.has(`${account}\u0000${id}`)) {
    issues.push({ line: at, field: 'AcctSvcrRef', severity: 'warning', message: `reference "${id}" occurs twice in this file` });
  }
  seenIds.add(`${account}\u0000${id}`);

  const credit = indicator === 'CRDT';
  const details = (child(entry, 'NtryDtls')?.children ?? []).filter(c => c.name === 'TxDtls');
  return {
    id, account, bookedOn, valueOn,
    amountMinor: credit ? magnitude : -magnitude,
    currency,
    counterparty: counterpartyOf(details, credit),
    description: descriptionOf(entry, details),
    line: at,
  };
}

/**
 * A reference, or '' for the placeholders ISO 20022 usage guidelines print when there is none (NOTPROVIDED,
 * NONREF carried over from MT940): as ids they would make every such entry the same line.
 */
function reference(text: string): string {
  return /^(?:NOTPROVIDED|NONREF)$/i.test(text) ? '' : text;
}

/**
 * Who paid us (Dbtr) on a credit, whom we paid (Cdtr) on a debit: the first TxDtls that names one, then the
 * ultimate party. v8 nests the name one level deeper (Dbtr/Pty/Nm).
 */
function counterpartyOf(details: XmlNode[], credit: boolean): string {
  const roles = credit ? ['Dbtr', 'UltmtDbtr'] : ['Cdtr', 'UltmtCdtr'];
  for (const role of roles) {
    for (const tx of details) {
      const party = child(tx, 'RltdPties', role);
      const name = collapse(textAt(party, 'Nm') || textAt(party, 'Pty', 'Nm'));
      if (name !== '') return name;
    }
  }
  return '';
}

/**
 * The entry's free text: each TxDtls' RmtInf/Ustrd joined without a separator (banks cut Ustrd at fixed
 * widths mid-word, actual's camt.053.xml `…EtE27122013-11` + `:05-2`), TxDtls apart by a space, then
 * AddtlNtryInf. Line breaks and indentation inside an element are the XML's layout, not text: collapsed.
 */
function descriptionOf(entry: XmlNode, details: XmlNode[]): string {
  const parts: string[] = [];
  for (const tx of details) {
    const remittance = (child(tx, 'RmtInf')?.children ?? []).filter(c => c.name === 'Ustrd').map(c => c.text).join('');
    if (remittance.trim() !== '') parts.push(collapse(remittance));
  }
  for (const info of entry.children) if (info.name === 'AddtlNtryInf' && info.text.trim() !== '') parts.push(collapse(info.text));
  return parts.join(' ');
}

/** Whitespace runs to one space, trimmed. */
function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** An ISO date or date-time as ISO 20022 prints it (1 = the date). */
const DATE_TIME = /^(\d{4}-\d{2}-\d{2})(?:$|T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})?$|[+-]\d{2}:\d{2}$|Z$)/;

/** The date of a `Dt` or `DtTm` element as printed (the bank's local date, never shifted by the offset). */
function dateOf(node: XmlNode | undefined, field: string, issues: ParseIssue[]): string | null {
  if (!node) return null;
  const value = node.text.trim();
  const m = DATE_TIME.exec(value);
  if (m && isIsoDate(m[1]!)) return m[1]!;
  issues.push({ line: node.line, field, severity: 'error', message: `"${value}" in ${field}/${node.name} is not an ISO date (YYYY-MM-DD or YYYY-MM-DDThh:mm:ss)` });
  return null;
}

/** The first descendant along a path of child names. */
function child(node: XmlNode | undefined, ...path: string[]): XmlNode | undefined {
  let at = node;
  for (const name of path) {
    if (!at) return undefined;
    at = at.children.find(c => c.name === name);
  }
  return at;
}

/** The trimmed text at a path of child names, '' when absent. */
function textAt(node: XmlNode | undefined, ...path: string[]): string {
  return child(node, ...path)?.text.trim() ?? '';
}

/**
 * A small, strict XML reader: elements, attributes, text, CDATA, comments and processing instructions, each
 * element with the line it starts on. Namespace prefixes are dropped (`ns2:Ntry` is `Ntry`). Entities beyond
 * the predefined five and character references are left as written: a DOCTYPE is skipped, never expanded.
 * The first well-formedness error becomes an issue and ends reading (the caller refuses the file).
 * Elements named in `skip` are checked tag for tag but not built, nor anything inside them.
 * `onClose` sees every built element when it closes; returning true drops it from its parent.
 */
function readXml(
  text: string, issues: ParseIssue[], skip: ReadonlySet<string>, onClose: (node: XmlNode, parent: XmlNode | undefined) => boolean,
): XmlNode | null {
  let pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  let counted = 0;
  const lineAt = (at: number): number => {
    for (let nl = text.indexOf('\n', counted); nl >= 0 && nl < at; nl = text.indexOf('\n', nl + 1)) line++;
    if (at > counted) counted = at;
    return line;
  };
  const fail = (at: number, field: string, message: string): null => {
    issues.push({ line: lineAt(at), field, severity: 'error', message });
    return null;
  };

  const stack: XmlNode[] = [];
  let root: XmlNode | null = null;
  const markup = new RegExp(MARKUP.source, 'g');
  // Names of the open elements inside a skipped subtree: still matched tag for tag, never built.
  const skipped: string[] = [];
  while (pos < text.length) {
    markup.lastIndex = pos;
    const m = markup.exec(text);
    const at = m ? m.index : text.length;
    // Whitespace between tags is layout; keeping it would only grow every aggregate's text (and the GC's work).
    if (at > pos && !isBlank(text, pos, at)) {
      const chunk = text.slice(pos, at);
      const stray = chunk.indexOf('<');
      if (stray >= 0) return fail(pos + stray, '(tag)', `"${chunk.slice(stray, stray + 30).trim()}" is not a well-formed tag, comment or declaration (or the file is cut short)`);
      const top = stack[stack.length - 1];
      if (!top) return fail(pos, '(file)', `text "${chunk.trim().slice(0, 30)}" stands outside the document element`);
      if (skipped.length === 0) top.text += decodeEntities(chunk);
    }
    if (!m) break;
    pos = markup.lastIndex;
    const closing = m[1], name = m[2], rawAttrs = m[3], selfClosing = m[4], cdata = m[5];
    if (name === undefined) {
      // A comment, a processing instruction or a DOCTYPE (skipped: its entities are never expanded), or CDATA.
      if (cdata !== undefined) {
        const top = stack[stack.length - 1];
        if (!top) return fail(at, '(CDATA)', 'a CDATA section stands outside the document element');
        if (skipped.length === 0) top.text += cdata;
      }
      continue;
    }
    const local = localName(name);
    if (closing) {
      if (skipped.length > 0) {
        const open = skipped.pop();
        if (open !== local) return fail(at, open!, `<${open}> is closed by </${name}>`);
        continue;
      }
      const top = stack.pop();
      if (!top) return fail(at, local, `</${name}> closes an element that was never opened`);
      if (top.name !== local) return fail(at, top.name, `<${top.name}> (line ${top.line}) is closed by </${name}>`);
      const parent = stack[stack.length - 1];
      if (onClose(top, parent) && parent) parent.children.pop();
      continue;
    }
    if (skipped.length > 0 || (stack.length > 0 && skip.has(local))) {
      if (!selfClosing) skipped.push(local);
      continue;
    }
    const node: XmlNode = { name: local, attrs: readAttributes(rawAttrs ?? ''), children: [], text: '', line: lineAt(at) };
    if (selfClosing && onClose(node, stack[stack.length - 1])) continue;
    const parent = stack[stack.length - 1];
    if (parent) parent.children.push(node);
    else if (root === null) root = node;
    else return fail(at, node.name, `<${node.name}> is a second document element`);
    if (!selfClosing) stack.push(node);
  }

  const cut = skipped[skipped.length - 1];
  if (cut) return fail(text.length, cut, `the file ends inside <${cut}>: it is cut short`);
  const open = stack[stack.length - 1];
  if (open) return fail(text.length, open.name, `the file ends inside <${open.name}> (opened on line ${open.line}): it is cut short`);
  if (root === null) return fail(0, 'Document', 'the file holds no XML element');
  return root;
}

/** True when `text` from `from` to `to` (default: the end) is only XML whitespace. */
function isBlank(text: string, from = 0, to = text.length): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) return false;
  }
  return true;
}

/**
 * One piece of markup: a start or end tag (1 = "/", 2 = name, 3 = attributes, 4 = "/" of an empty element),
 * a CDATA section (5 = its text), a comment, a processing instruction or a DOCTYPE with its internal subset.
 * Anything else that starts with "<" is left between matches, where the reader reports it.
 */
const MARKUP = /<(\/)?([A-Za-z_][\w.:-]*)((?:\s+[A-Za-z_][\w.:-]*\s*=\s*(?:"[^"<]*"|'[^'<]*'))*)\s*(\/)?>|<!\[CDATA\[([\s\S]*?)\]\]>|<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<!DOCTYPE[^>\[]*(?:\[[\s\S]*?\])?\s*>/;

/** Attributes of a start tag, by local name (the markup pattern has already checked their shape). */
function readAttributes(raw: string): Readonly<Record<string, string>> {
  if (raw === '' || isBlank(raw)) return NO_ATTRIBUTES;
  const attrs: Record<string, string> = {};
  for (const m of raw.matchAll(/([A-Za-z_][\w.:-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) attrs[localName(m[1]!)] = decodeEntities(m[2] ?? m[3] ?? '');
  return attrs;
}

const NO_ATTRIBUTES: Readonly<Record<string, string>> = Object.freeze({});

/** An element or attribute name without its namespace prefix. */
function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
}

