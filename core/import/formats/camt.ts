import { codedIssue, amountIssue } from '../../messages/index';
import { decodeEntities } from '../entities';
import { lineCounter, MAX_ROWS, MAX_XML_DEPTH, tooManyRows } from '../limits';
import { decodeText, detectEncoding, type Encoding } from '../decode';
import { formatMinor, minorDigits, parseAmount } from '../../model/money';
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
  /** Signed sum of the record's booked lines, per currency (checked against its opening and closing balances). */
  readonly sums: Map<string, number>;
}

/** Reads a camt.052/053/054 document into bank lines, one per booked `Ntry`. Never throws on bad input. */
export function parseCamt(bytes: Uint8Array, ctx: ParseContext): ParseResult {
  const issues: ParseIssue[] = [];
  let bankLines: BankLine[] = [];
  let periods: StatementPeriod[] = [];
  const result = (): ParseResult => ({
    format: 'camt053',
    role: 'bank',
    acquirerTxns: [],
    bankLines,
    issues,
    merchantIds: [],
    acquirerName: null,
    periods,
  });

  const text = decodeText(bytes, detectEncoding(bytes, declaredEncoding(bytes)));
  let lineCount = 0;
  const totalLines = (): number => {
    if (lineCount === 0)
      for (let nl = text.indexOf('\n'); ; nl = text.indexOf('\n', nl + 1)) {
        lineCount++;
        if (nl < 0) break;
      }
    return lineCount;
  };
  const contexts = new Map<XmlNode, RecordContext>();
  const seenIds = new Set<string>();
  const leftOut: LeftOut = new Map();
  let records = 0;
  let entries = 0;
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
      if (++entries > MAX_ROWS) {
        // Entries past the cap are still matched tag for tag (and dropped), never read.
        if (entries === MAX_ROWS + 1) issues.push(tooManyRows(node.line));
        return true;
      }
      const line = readEntry(node, context, `${context.id}#${context.entries}`, issues, seenIds, leftOut);
      if (line !== null && context.account !== '') {
        bankLines.push(line);
        context.sums.set(line.currency, (context.sums.get(line.currency) ?? 0) + line.amountMinor);
      }
      if (ctx.onProgress && context.entries % 1000 === 0) ctx.onProgress(Math.min(1, node.line / totalLines()));
      return true;
    }
    if (RECORD_NAMES.has(node.name)) {
      const period = periodOf(node, contextOf(node), issues);
      if (period) periods.push(period);
    }
    return false;
  });
  if (root === null) return result();
  for (const [status, { count, line }] of leftOut) {
    issues.push(
      codedIssue(line, 'Sts', 'warning', { code: 'entries_left_out', params: { count, status: status === 'PDNG' ? 'PDNG' : 'INFO' } }),
    );
  }

  const doc = root.name === 'Document' ? root : null;
  const message = doc ? doc.children.find(c => RECORDS.has(c.name)) : RECORDS.has(root.name) ? root : undefined;
  // A Stmt under BkToCstmrAcctRpt, say, would mix message kinds: refuse rather than guess.
  const stray = message ? message.children.some(c => c.name !== RECORDS.get(message.name) && RECORD_NAMES.has(c.name)) : false;
  if (!message || stray) {
    const shown = doc?.children[0]?.name ?? root.name;
    issues.push({
      line: root.line,
      field: root.name,
      severity: 'error',
      message: `<${shown}> is not a camt.052, camt.053 or camt.054 message (expected BkToCstmrStmt/Stmt, BkToCstmrAcctRpt/Rpt or BkToCstmrDbtCdtNtfctn/Ntfctn)`,
    });
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
  'GrpHdr',
  'TxsSummry',
  'BkTxCd',
  'Refs',
  'AmtDtls',
  'RltdAgts',
  'Chrgs',
  'PstlAdr',
  'RltdDts',
  'RtrInf',
  'Strd',
  'DbtrAcct',
  'CdtrAcct',
  'DbtrAgt',
  'CdtrAgt',
  'Intrst',
  'Tax',
  'RltdPric',
  'RltdQties',
  'Purp',
  'CardTx',
  'Btch',
  'AddtlTxInf',
  'Ownr',
  'Svcr',
  'StmtPgntn',
  'RptPgntn',
  'NtfctnPgntn',
  'TechInptChanl',
  'FinInstrmId',
  'SplmtryData',
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
  const account =
    textAt(accountId, 'IBAN') || textAt(accountId, 'Othr', 'Id') || textAt(accountId, 'BBAN') || textAt(accountId, 'PrtryAcct', 'Id');
  if (account === '') {
    issues.push({
      line: (child(record, 'Acct') ?? record).line,
      field: 'Acct',
      severity: 'error',
      message: `<${record.name}> ${id} names no account (Acct/Id/IBAN or Acct/Id/Othr/Id)`,
    });
  }
  const created = /^(\d{4}-\d{2}-\d{2})/.exec(textAt(record, 'CreDtTm'))?.[1];
  return { id, account, createdOn: created !== undefined && isIsoDate(created) ? created : null, entries: 0, sums: new Map() };
}

/** FrToDt: FrDtTm/ToDtTm in 052/053, FrDt/ToDt at some banks; a 054 often has none, and then there is no period. */
function periodOf(record: XmlNode, context: RecordContext, issues: ParseIssue[]): StatementPeriod | null {
  const span = child(record, 'FrToDt');
  if (!span) return null;
  const from = periodDate(child(span, 'FrDtTm') ?? child(span, 'FrDt'), issues);
  const to = periodDate(child(span, 'ToDtTm') ?? child(span, 'ToDt'), issues);
  // Coverage evidence: the booked opening and closing balances (the next statement must open where this one
  // closed; opening + the entries must reach the closing), and the statement's sequence number.
  const opening = balance(record, ['OPBD', 'PRCD']),
    closing = balance(record, ['CLBD']);
  const seq = Number.parseInt(textAt(record, 'ElctrncSeqNb') || textAt(record, 'LglSeqNb'), 10);
  const period: StatementPeriod = {
    account: context.account,
    from,
    to,
    ...(opening ? { openingMinor: opening.minor } : {}),
    ...(closing ? { closingMinor: closing.minor } : {}),
    ...(Number.isSafeInteger(seq) && seq >= 0 ? { sequence: seq } : {}),
  };
  if (!opening || !closing || opening.currency !== closing.currency || !from || !to) return period;
  const sum = context.sums.get(opening.currency) ?? 0;
  if (opening.minor + sum === closing.minor) return period;
  const digits = minorDigits(opening.currency);
  issues.push({
    line: closing.line,
    field: 'Bal',
    severity: 'warning',
    message: `<${record.name}> ${context.id}: the opening balance ${formatMinor(opening.minor, digits)} plus its entries is ${formatMinor(opening.minor + sum, digits)}, but the closing balance is ${formatMinor(closing.minor, digits)}; entries are missing from it`,
  });
  return { ...period, holes: [{ from, to, reason: 'footer_mismatch', line: closing.line }] };
}

/** A balance of one of `codes` (Bal/Tp/CdOrPrtry/Cd), signed by its CdtDbtInd; null when absent or unreadable. */
function balance(record: XmlNode, codes: readonly string[]): { minor: number; currency: string; line: number } | null {
  for (const bal of record.children) {
    if (bal.name !== 'Bal' || !codes.includes(textAt(bal, 'Tp', 'CdOrPrtry', 'Cd').toUpperCase())) continue;
    const amt = child(bal, 'Amt');
    const currency = (amt?.attrs['Ccy'] ?? '').trim().toUpperCase();
    if (!amt || !/^[A-Z]{3}$/.test(currency)) return null;
    const parsed = parseAmount(amt.text, { decimal: '.', digits: minorDigits(currency) });
    if (!parsed.ok) return null;
    return { minor: textAt(bal, 'CdtDbtInd').toUpperCase() === 'DBIT' ? -parsed.minor : parsed.minor, currency, line: bal.line };
  }
  return null;
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
  issues.push({
    line: node.line,
    field: 'FrToDt',
    severity: 'warning',
    message: `"${value}" in FrToDt/${node.name} is not an ISO date-time; its date ${lead} is used`,
  });
  return lead;
}

/** Entries left out by status (PDNG, INFO): how many, and the line of the first, for one warning each. */
type LeftOut = Map<string, { count: number; readonly line: number }>;

/** One `Ntry` to a bank line, or null when it is not booked yet or is malformed (with an issue). */
function readEntry(
  entry: XmlNode,
  record: RecordContext,
  fallbackId: string,
  issues: ParseIssue[],
  seenIds: Set<string>,
  leftOut: LeftOut,
): BankLine | null {
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
    issues.push({
      line: amtNode.line,
      field: 'Amt@Ccy',
      severity: 'error',
      message: `"${amtNode.attrs['Ccy'] ?? ''}" is not an ISO 4217 currency code`,
    });
    ok = false;
  }
  let magnitude = 0;
  if (amtNode && ok) {
    // camt amounts are unsigned with a point; extra zero decimals ("18.150", genkgo five.decimals) read exactly.
    const parsed = parseAmount(amtNode.text, { decimal: '.', digits: minorDigits(currency) });
    if (!parsed.ok) {
      issues.push(codedIssue(amtNode.line, 'Amt', 'error', amountIssue(parsed, 'Amt')));
      ok = false;
    } else if (parsed.minor < 0) {
      issues.push({
        line: amtNode.line,
        field: 'Amt',
        severity: 'error',
        message: `Amt "${amtNode.text.trim()}" is negative; camt amounts are unsigned, with CdtDbtInd for the direction`,
      });
      ok = false;
    } else magnitude = parsed.minor;
  }

  // The sign is CdtDbtInd alone. RvslInd=true marks a reversal, and ISO 20022 says CdtDbtInd already gives the
  // direction of the reversing booking (CRDT reverses a debit), so RvslInd never flips the sign.
  const indicator = textAt(entry, 'CdtDbtInd').toUpperCase();
  if (indicator !== 'CRDT' && indicator !== 'DBIT') {
    issues.push({
      line: child(entry, 'CdtDbtInd')?.line ?? at,
      field: 'CdtDbtInd',
      severity: 'error',
      message: `CdtDbtInd "${indicator}" is neither CRDT nor DBIT`,
    });
    ok = false;
  }

  const bookedNode = child(entry, 'BookgDt');
  const bookedPrinted = bookedNode ? (child(bookedNode, 'Dt') ?? child(bookedNode, 'DtTm')) : undefined;
  let bookedOn = dateOf(bookedPrinted, 'BookgDt', issues);
  const valueNode = child(entry, 'ValDt');
  const valueOn = valueNode ? dateOf(child(valueNode, 'Dt') ?? child(valueNode, 'DtTm'), 'ValDt', issues) : null;
  if (valueNode && valueOn === null && (child(valueNode, 'Dt') ?? child(valueNode, 'DtTm'))) ok = false;
  if (bookedOn === null && !bookedPrinted) {
    if (valueOn !== null) {
      // Some banks' camt.052 book an entry with only its value date: the nearest date the file gives.
      bookedOn = valueOn;
      issues.push({
        line: bookedNode?.line ?? at,
        field: 'BookgDt',
        severity: 'warning',
        message: `the booked entry has no booking date; its value date ${valueOn} is used`,
      });
    } else if (record.createdOn !== null && !valueNode) {
      // A camt.054 notification may date only itself (genkgo camt054.v8-with-UETR): the entry is booked by then.
      bookedOn = record.createdOn;
      issues.push({
        line: at,
        field: 'BookgDt',
        severity: 'warning',
        message: `the booked entry has neither a booking nor a value date; the date its message was created, ${record.createdOn}, is used`,
      });
    } else {
      issues.push({
        line: bookedNode?.line ?? at,
        field: 'BookgDt',
        severity: 'error',
        message: 'the booked entry has no booking date (BookgDt/Dt or BookgDt/DtTm) and no value date',
      });
    }
  }
  if (bookedOn === null) ok = false;
  if (!ok || bookedOn === null) return null;

  let id = reference(textAt(entry, 'AcctSvcrRef')) || reference(textAt(entry, 'NtryRef'));
  if (id === '') {
    // genkgo's camt053.v2.minimal has neither reference: position in the statement is the only stable key.
    id = fallbackId;
    issues.push({
      line: at,
      field: 'AcctSvcrRef',
      severity: 'warning',
      message: `the entry has neither AcctSvcrRef nor NtryRef; it is kept as "${id}"`,
    });
  } else if (seenIds.has(`${account}\u0000${id}`)) {
    issues.push(codedIssue(at, 'AcctSvcrRef', 'warning', { code: 'duplicate_id', params: { label: 'reference', id } }));
  }
  seenIds.add(`${account}\u0000${id}`);

  const credit = indicator === 'CRDT';
  const details = (child(entry, 'NtryDtls')?.children ?? []).filter(c => c.name === 'TxDtls');
  return {
    id,
    account,
    bookedOn,
    valueOn,
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
    const remittance = (child(tx, 'RmtInf')?.children ?? [])
      .filter(c => c.name === 'Ustrd')
      .map(c => c.text)
      .join('');
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
  issues.push({
    line: node.line,
    field,
    severity: 'error',
    message: `"${value}" in ${field}/${node.name} is not an ISO date (YYYY-MM-DD or YYYY-MM-DDThh:mm:ss)`,
  });
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
  text: string,
  issues: ParseIssue[],
  skip: ReadonlySet<string>,
  onClose: (node: XmlNode, parent: XmlNode | undefined) => boolean,
): XmlNode | null {
  let pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const lineAt = lineCounter(text);
  const fail = (at: number, field: string, message: string): null => {
    issues.push({ line: lineAt(at), field, severity: 'error', message });
    return null;
  };

  const stack: XmlNode[] = [];
  let root: XmlNode | null = null;
  // Names of the open elements inside a skipped subtree: still matched tag for tag, never built.
  const skipped: string[] = [];
  while (pos < text.length) {
    // Each piece of markup is read from its "<" to its own end and never searched again: linear in the text,
    // however long its lines or however many constructs are left open.
    const lt = text.indexOf('<', pos);
    const at = lt < 0 ? text.length : lt;
    // Whitespace between tags is layout; keeping it would only grow every aggregate's text (and the GC's work).
    if (at > pos && !isBlank(text, pos, at)) {
      const top = stack[stack.length - 1];
      if (!top)
        return fail(
          pos,
          '(file)',
          `text "${text
            .slice(pos, Math.min(at, pos + 60))
            .trim()
            .slice(0, 30)}" stands outside the document element`,
        );
      if (skipped.length === 0) top.text += decodeEntities(text.slice(pos, at));
    }
    if (lt < 0) break;
    const m = readMarkup(text, lt);
    if ('problem' in m) return fail(lt, m.field, m.problem);
    pos = m.end;
    if (m.name === undefined) {
      // A comment, a processing instruction or a DOCTYPE (skipped: its entities are never expanded), or CDATA.
      if (m.cdata !== undefined) {
        const top = stack[stack.length - 1];
        if (!top) return fail(lt, '(CDATA)', 'a CDATA section stands outside the document element');
        if (skipped.length === 0) top.text += m.cdata;
      }
      continue;
    }
    const { name, closing, selfClosing } = m;
    const local = localName(name);
    if (closing) {
      if (skipped.length > 0) {
        const open = skipped.pop();
        if (open !== local) return fail(lt, open!, `<${open}> is closed by </${name}>`);
        continue;
      }
      const top = stack.pop();
      if (!top) return fail(lt, local, `</${name}> closes an element that was never opened`);
      if (top.name !== local) return fail(lt, top.name, `<${top.name}> (line ${top.line}) is closed by </${name}>`);
      const parent = stack[stack.length - 1];
      if (onClose(top, parent) && parent) parent.children.pop();
      continue;
    }
    if (!selfClosing && stack.length + skipped.length >= MAX_XML_DEPTH) {
      return fail(lt, local, `elements nest more than ${MAX_XML_DEPTH} deep here; no bank statement does, so the file is refused`);
    }
    if (skipped.length > 0 || (stack.length > 0 && skip.has(local))) {
      if (!selfClosing) skipped.push(local);
      continue;
    }
    const node: XmlNode = { name: local, attrs: readAttributes(m.attrs), children: [], text: '', line: lineAt(lt) };
    if (selfClosing && onClose(node, stack[stack.length - 1])) continue;
    const parent = stack[stack.length - 1];
    if (parent) parent.children.push(node);
    else if (root === null) root = node;
    else return fail(lt, node.name, `<${node.name}> is a second document element`);
    if (!selfClosing) stack.push(node);
  }

  const cut = skipped[skipped.length - 1];
  if (cut) return fail(text.length, cut, `the file ends inside <${cut}>: it is cut short`);
  const open = stack[stack.length - 1];
  if (open) return fail(text.length, open.name, `the file ends inside <${open.name}> (opened on line ${open.line}): it is cut short`);
  if (root === null) return fail(0, 'Document', 'the file holds no XML element');
  return root;
}

/** One piece of markup read by {@link readMarkup}: a tag (`name` set), or CDATA (`cdata`), a comment, a PI or a DOCTYPE. */
interface Markup {
  readonly end: number;
  readonly name?: string;
  readonly closing?: boolean;
  readonly selfClosing?: boolean;
  readonly attrs: string;
  readonly cdata?: string;
}

/**
 * The markup starting at `text[lt]` (a "<"), or why it is not well formed. Each construct's end is searched
 * once from its start: an unclosed one is reported on its line, never searched for again.
 */
function readMarkup(text: string, lt: number): Markup | { readonly field: string; readonly problem: string } {
  const c = text.charCodeAt(lt + 1);
  if (c === 0x21 /* ! */) {
    if (text.startsWith('<!--', lt)) {
      const e = text.indexOf('-->', lt + 4);
      return e < 0 ? { field: '(comment)', problem: 'a comment "<!--" opened here is never closed with "-->"' } : { end: e + 3, attrs: '' };
    }
    if (text.startsWith('<![CDATA[', lt)) {
      const e = text.indexOf(']]>', lt + 9);
      return e < 0
        ? { field: '(CDATA)', problem: 'a CDATA section "<![CDATA[" opened here is never closed with "]]>"' }
        : { end: e + 3, attrs: '', cdata: text.slice(lt + 9, e) };
    }
    if (text.startsWith('<!DOCTYPE', lt)) {
      // `<!DOCTYPE name …>`, or with an internal subset `[ … ]` up to the first "]" followed by ">".
      let i = lt + 9;
      while (i < text.length && text.charCodeAt(i) !== 0x3e && text.charCodeAt(i) !== 0x5b) i++;
      if (text.charCodeAt(i) === 0x3e) return { end: i + 1, attrs: '' };
      for (let b = i < text.length ? text.indexOf(']', i + 1) : -1; b >= 0; b = text.indexOf(']', b + 1)) {
        let k = b + 1;
        while (k < text.length && isXmlSpace(text.charCodeAt(k))) k++;
        if (text.charCodeAt(k) === 0x3e) return { end: k + 1, attrs: '' };
      }
      return { field: '(DOCTYPE)', problem: 'a DOCTYPE opened here is never closed with "]>" or ">"' };
    }
  } else if (c === 0x3f /* ? */) {
    const e = text.indexOf('?>', lt + 2);
    return e < 0
      ? { field: '(declaration)', problem: 'a processing instruction "<?" opened here is never closed with "?>"' }
      : { end: e + 2, attrs: '' };
  } else {
    TAG.lastIndex = lt;
    const m = TAG.exec(text);
    if (m) return { end: TAG.lastIndex, name: m[2]!, closing: m[1] !== undefined, selfClosing: m[4] !== undefined, attrs: m[3] ?? '' };
  }
  return {
    field: '(tag)',
    problem: `"${text.slice(lt, lt + 30).trim()}" is not a well-formed tag, comment or declaration (or the file is cut short)`,
  };
}

function isXmlSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
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
 * A start or end tag at the reading position (1 = "/", 2 = name, 3 = attributes, 4 = "/" of an empty element).
 * Sticky, and no part of it can run past the next "<": a failed match costs at most the tag's own length.
 */
const TAG = /<(\/)?([A-Za-z_][\w.:-]*)((?:\s+[A-Za-z_][\w.:-]*\s*=\s*(?:"[^"<]*"|'[^'<]*'))*)\s*(\/)?>/y;

/** Attributes of a start tag, by local name (the markup pattern has already checked their shape). */
function readAttributes(raw: string): Readonly<Record<string, string>> {
  if (raw === '' || isBlank(raw)) return NO_ATTRIBUTES;
  const attrs: Record<string, string> = {};
  for (const m of raw.matchAll(/([A-Za-z_][\w.:-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')/g))
    attrs[localName(m[1]!)] = decodeEntities(m[2] ?? m[3] ?? '');
  return attrs;
}

const NO_ATTRIBUTES: Readonly<Record<string, string>> = Object.freeze({});

/** An element or attribute name without its namespace prefix. */
function localName(name: string): string {
  const colon = name.lastIndexOf(':');
  // `a:` has no local part: kept whole, so a message can still name it.
  return colon < 0 || colon === name.length - 1 ? name : name.slice(colon + 1);
}
