import { codedIssue, amountIssue } from '../../messages/index';
import { decodeEntities } from '../entities';
import { lineCounter, MAX_ROWS, MAX_XML_DEPTH, tooManyRows } from '../limits';
import { decodeText, detectEncoding, type Encoding } from '../decode';
import { minorDigits, parseAmount } from '../../model/money';
import { isIsoDate } from '../../model/date';
import type { BankLine, Format, ParseContext, ParseIssue, ParseResult, StatementPeriod } from '../../model/types';

/*
 * OFX 1.x is SGML: leaf elements have no closing tag (`<TRNAMT>-6.60<FITID>…`), only aggregates are closed,
 * and a file may hold everything on one line. OFX 2.x is XML with every tag closed and CDATA sections.
 * One scanner reads both: a tag's value is the text up to the next tag, so a closing leaf tag is simply
 * ignored. Only the aggregates this parser needs are tracked; every other tag (INTU.BID, VALUEDATE,
 * ACCTBAL, CATEGORY, …) is a leaf whose value nobody asks for.
 */

/** Aggregates that are always closed, in 1.x as in 2.x; everything else is read as a leaf. */
const AGGREGATES = new Set([
  'OFX',
  'STMTTRNRS',
  'CCSTMTTRNRS',
  'STMTRS',
  'CCSTMTRS',
  'BANKACCTFROM',
  'CCACCTFROM',
  'BANKACCTTO',
  'CCACCTTO',
  'BANKTRANLIST',
  'STMTTRN',
  'PAYEE',
  'CURRENCY',
  'ORIGCURRENCY',
  'STATUS',
]);

/** A value read from a leaf tag, with the line it sits on. */
interface Leaf {
  readonly value: string;
  readonly line: number;
}

/** One STMTTRN as read, before it is checked. */
interface RawTxn {
  readonly line: number;
  readonly leaves: Map<string, Leaf>;
  payeeName: Leaf | null;
  currency: Leaf | null;
}

/** One STMTRS / CCSTMTRS as read. */
interface RawStatement {
  readonly line: number;
  /** A CCSTMTRS: a credit card's statement, not a bank account's. */
  readonly card: boolean;
  account: Leaf | null;
  /** An ACCTID outside BANKACCTFROM / CCACCTFROM, for statements that have neither. */
  looseAccount: Leaf | null;
  currency: Leaf | null;
  from: Leaf | null;
  to: Leaf | null;
  hasTranList: boolean;
  readonly txns: RawTxn[];
}

/** The OFX / QFX bank statement format, SGML 1.x and XML 2.x. */
export const ofxFormat: Format = {
  name: 'ofx',
  role: 'bank',
  sniff(head: string): number {
    const start = head
      .replace(/^\uFEFF/, '')
      .trimStart()
      .slice(0, 4096);
    if (/^OFXHEADER\s*:/i.test(start)) return 0.98;
    // OFX 2.x: an XML declaration, then the `<?OFX OFXHEADER="200" …?>` processing instruction.
    if (/^(?:<\?xml[^>]*>\s*)?<\?OFX\b/i.test(start)) return 0.98;
    if (/<OFX>/i.test(start.slice(0, 2048))) return 0.9;
    return 0;
  },
  parse: parseOfx,
};

/** Reads an OFX or QFX file into bank lines, one per STMTTRN. Never throws on bad input. */
export function parseOfx(bytes: Uint8Array, ctx: ParseContext): ParseResult {
  const issues: ParseIssue[] = [];
  const bankLines: BankLine[] = [];
  const periods: StatementPeriod[] = [];
  const result = (): ParseResult => ({
    format: 'ofx',
    role: 'bank',
    acquirerTxns: [],
    bankLines,
    issues,
    merchantIds: [],
    acquirerName: null,
    periods,
  });

  const text = decodeText(bytes, detectEncoding(bytes, declaredEncoding(bytes)));
  const body = text.search(/<OFX[\s>]/i);
  if (body < 0) {
    issues.push({
      line: 1,
      field: 'OFX',
      severity: 'error',
      message: `${ctx.fileName}: no <OFX> element found; this is not an OFX file or it is cut short`,
    });
    return result();
  }

  const statements = scan(text, body, issues);
  const bankStatements = statements.filter(s => !s.card);
  // Card and investment statements hold no settlement money: a file of nothing else is refused with the reason,
  // one beside bank statements is read for those, with a warning.
  const severity = bankStatements.length === 0 ? 'error' : 'warning';
  for (const s of statements.filter(s => s.card)) {
    issues.push({
      line: s.line,
      field: 'CCSTMTRS',
      severity,
      message: `a credit-card statement, not a current account: card money is not settled here${severity === 'warning' ? '; its lines are left out' : ''}`,
    });
  }
  const investment = /<INVSTMTRS\b/i.exec(text);
  if (investment) {
    issues.push({
      line: lineOf(text, investment.index),
      field: 'INVSTMTRS',
      severity,
      message: `an investment statement: no bank transactions${severity === 'warning' ? '; it is left out' : ''}`,
    });
  }
  const seenIds = new Set<string>();
  for (const statement of bankStatements) readStatement(statement, bankLines, periods, issues, seenIds);
  ctx.onProgress?.(1);
  return result();
}

/** The 1-based line of a position in the text. */
function lineOf(text: string, pos: number): number {
  let line = 1;
  for (let nl = text.indexOf('\n'); nl >= 0 && nl < pos; nl = text.indexOf('\n', nl + 1)) line++;
  return line;
}

/**
 * The encoding the OFX 1.x header declares. `CHARSET:1252` is a hint that
 * detectEncoding keeps only when the bytes are not valid UTF-8 (many banks write UTF-8 under that header).
 */
function declaredEncoding(bytes: Uint8Array): Encoding | undefined {
  const head = decodeText(bytes.subarray(0, Math.min(bytes.length, 2048)), 'windows-1252');
  const charset = /^\s*CHARSET\s*:\s*([^\r\n]*)/im.exec(head)?.[1]?.trim().toUpperCase() ?? '';
  if (charset === '1252' || charset === 'ISO-8859-1' || charset === 'WINDOWS-1252') return 'windows-1252';
  const xmlEncoding = /<\?xml[^>]*encoding\s*=\s*["']([^"']+)["']/i.exec(head)?.[1]?.toUpperCase() ?? '';
  if (xmlEncoding === 'ISO-8859-1' || xmlEncoding === 'WINDOWS-1252') return 'windows-1252';
  return undefined;
}

/** Walks the tags from `<OFX>` on, collecting statements and their transactions. */
function scan(text: string, from: number, issues: ParseIssue[]): RawStatement[] {
  const statements: RawStatement[] = [];
  const open = new Map<string, number>(); // aggregate name → how deep we are inside it
  let statement: RawStatement | null = null;
  let txn: RawTxn | null = null;
  const lineAt = lineCounter(text);
  const depth = (name: string): number => open.get(name) ?? 0;
  let nesting = 0; // aggregates open
  let txns = 0;
  let nextGt = -1; // the first ">" after the current "<", kept while the scan is still before it

  let responseStatus: { severity: Leaf | null; code: string; message: string } = { severity: null, code: '', message: '' };
  let pendingLeaf: { name: string; line: number } | null = null;
  let value = '';
  const flushLeaf = (): void => {
    if (pendingLeaf === null) return;
    const leaf: Leaf = { value: decodeOfxEntities(value).trim(), line: pendingLeaf.line };
    takeLeaf(pendingLeaf.name, leaf);
    pendingLeaf = null;
  };
  const takeLeaf = (name: string, leaf: Leaf): void => {
    if (txn !== null) {
      if (depth('BANKACCTTO') + depth('CCACCTTO') + depth('ORIGCURRENCY') > 0) return;
      if (depth('PAYEE') > 0) {
        if (name === 'NAME') txn.payeeName = leaf;
        return;
      }
      if (depth('CURRENCY') > 0) {
        if (name === 'CURSYM') txn.currency = leaf;
        return;
      }
      if (!txn.leaves.has(name)) txn.leaves.set(name, leaf);
      return;
    }
    if (statement === null) {
      // The STATUS of a statement response: a bank that could not give the statement says so here, and sends none.
      if (depth('STATUS') > 0 && depth('STMTTRNRS') + depth('CCSTMTTRNRS') > 0) {
        if (name === 'SEVERITY') responseStatus.severity = leaf;
        else if (name === 'MESSAGE') responseStatus.message = leaf.value;
        else if (name === 'CODE') responseStatus.code = leaf.value;
      }
      return;
    }
    if (name === 'ACCTID' && depth('BANKACCTFROM') + depth('CCACCTFROM') > 0) statement.account = leaf;
    else if (name === 'ACCTID' && depth('BANKACCTTO') + depth('CCACCTTO') === 0) statement.looseAccount ??= leaf;
    else if (name === 'CURDEF') statement.currency = leaf;
    else if (name === 'DTSTART' && depth('BANKTRANLIST') > 0) statement.from = leaf;
    else if (name === 'DTEND' && depth('BANKTRANLIST') > 0) statement.to = leaf;
  };

  let pos = from;
  scanning: while (pos < text.length) {
    const lt = text.indexOf('<', pos);
    if (lt < 0) {
      value += text.slice(pos);
      break;
    }
    value += text.slice(pos, lt);
    if (text.startsWith('<![CDATA[', lt)) {
      // CDATA (suncorp.ofx NAME/MEMO) is literal text: no entity decoding inside it, so mark it for decodeEntities.
      const end = text.indexOf(']]>', lt + 9);
      if (end < 0) {
        issues.push({
          line: lineAt(lt),
          field: '(CDATA)',
          severity: 'error',
          message: 'a CDATA section "<![CDATA[" opened here is never closed with "]]>"',
        });
        break;
      }
      value += text.slice(lt + 9, end).replace(/&/g, '&amp;');
      pos = end + 3;
      continue;
    }
    if (text.startsWith('<!--', lt)) {
      const end = text.indexOf('-->', lt + 4);
      if (end < 0) {
        issues.push({
          line: lineAt(lt),
          field: '(comment)',
          severity: 'error',
          message: 'a comment "<!--" opened here is never closed with "-->"',
        });
        break;
      }
      pos = end + 3;
      continue;
    }
    if (!/[A-Za-z/?!]/.test(text[lt + 1] ?? '')) {
      // A bare "<" in an SGML value ("<MEMO>A < B") is text some banks forget to escape, not a tag.
      value += '<';
      pos = lt + 1;
      continue;
    }
    // The ">" found for an unclosed tag is kept for the next "<": searching again from each one was quadratic.
    if (nextGt <= lt) {
      nextGt = text.indexOf('>', lt + 1);
      if (nextGt < 0) nextGt = Infinity;
    }
    const gt = nextGt === Infinity ? -1 : nextGt;
    const nextLt = text.indexOf('<', lt + 1);
    if (gt < 0 || (nextLt >= 0 && nextLt < gt)) {
      const tagLine = lineAt(lt);
      const shown = text.slice(lt, Math.min(text.length, lt + 24, nextLt < 0 ? text.length : nextLt)).trim();
      issues.push({
        line: tagLine,
        field: tagName(shown) || '(tag)',
        severity: 'error',
        message: `"${shown}" is a tag that is never closed with ">"`,
      });
      // With no ">" left in the file, no tag after this one can close either: one issue says it.
      if (gt < 0) break;
      value = '';
      pos = nextLt < 0 ? text.length : nextLt;
      continue;
    }
    flushLeaf();
    value = '';
    pos = gt + 1;
    const inner = text.slice(lt + 1, gt);
    if (inner.startsWith('?') || inner.startsWith('!')) continue; // processing instruction or declaration
    const closing = inner.startsWith('/');
    const selfClosing = !closing && inner.endsWith('/');
    const name = tagName(inner.slice(closing ? 1 : 0, selfClosing ? -1 : undefined)).toUpperCase();
    if (name === '') continue;
    const tagLine = lineAt(lt);

    if (closing) {
      if (!AGGREGATES.has(name)) continue; // an XML-closed leaf (OFX 2.x)
      if (depth(name) === 0) {
        issues.push({ line: tagLine, field: name, severity: 'error', message: `</${name}> closes an element that was never opened` });
        continue;
      }
      open.set(name, depth(name) - 1);
      nesting--;
      if (name === 'STMTTRNRS' || name === 'CCSTMTTRNRS') {
        const severity = responseStatus.severity;
        if (severity !== null && severity.value.toUpperCase() === 'ERROR') {
          issues.push({
            line: severity.line,
            field: 'STATUS',
            severity: 'warning',
            message: `the bank reports an error for this statement (code ${responseStatus.code || '?'}${responseStatus.message ? `: ${responseStatus.message}` : ''}); it holds no transactions`,
          });
        }
        responseStatus = { severity: null, code: '', message: '' };
      }
      if (name === 'STMTTRN' && txn !== null && statement !== null) {
        if (++txns > MAX_ROWS) {
          issues.push(tooManyRows(txn.line));
          break scanning;
        }
        statement.txns.push(txn);
        txn = null;
      }
      if ((name === 'STMTRS' || name === 'CCSTMTRS') && statement !== null) {
        if (txn !== null) {
          issues.push({ line: txn.line, field: 'STMTTRN', severity: 'error', message: `this <STMTTRN> is never closed before </${name}>` });
          txn = null;
          nesting -= depth('STMTTRN');
          open.set('STMTTRN', 0);
        }
        statements.push(statement);
        statement = null;
      }
      continue;
    }
    if (selfClosing) {
      takeLeaf(name, { value: '', line: tagLine });
      continue;
    }
    if (!AGGREGATES.has(name)) {
      pendingLeaf = { name, line: tagLine };
      continue;
    }
    if (++nesting > MAX_XML_DEPTH) {
      issues.push({
        line: tagLine,
        field: name,
        severity: 'error',
        message: `aggregates nest more than ${MAX_XML_DEPTH} deep here; no statement does, so the file is refused`,
      });
      break scanning;
    }
    open.set(name, depth(name) + 1);
    if (name === 'STMTRS' || name === 'CCSTMTRS') {
      if (statement !== null)
        issues.push({ line: tagLine, field: name, severity: 'error', message: `<${name}> opens inside a statement that was never closed` });
      statement = {
        line: tagLine,
        card: name === 'CCSTMTRS',
        account: null,
        looseAccount: null,
        currency: null,
        from: null,
        to: null,
        hasTranList: false,
        txns: [],
      };
      txn = null;
    } else if (name === 'BANKTRANLIST' && statement !== null) {
      statement.hasTranList = true;
    } else if (name === 'STMTTRN') {
      if (txn !== null)
        issues.push({
          line: txn.line,
          field: 'STMTTRN',
          severity: 'error',
          message: 'this <STMTTRN> is never closed before the next one opens',
        });
      if (statement === null) {
        issues.push({
          line: tagLine,
          field: 'STMTTRN',
          severity: 'error',
          message: '<STMTTRN> stands outside any <STMTRS> statement, so it has no account',
        });
        txn = null;
      } else {
        txn = { line: tagLine, leaves: new Map(), payeeName: null, currency: null };
      }
    }
  }
  flushLeaf();

  // A statement cut short would silently lose lines: refuse the file instead (a truncated download, most often).
  const endLine = lineAt(text.length);
  if (txn !== null)
    issues.push(
      codedIssue(txn.line, 'STMTTRN', 'error', {
        code: 'ends_inside',
        params: { what: 'transaction', element: 'STMTTRN', openedOn: null },
      }),
    );
  if (statement !== null) {
    issues.push(
      codedIssue(statement.line, 'STMTRS', 'error', {
        code: 'ends_inside',
        params: { what: 'statement', element: 'STMTRS', openedOn: null },
      }),
    );
    statements.push(statement);
  } else if (depth('OFX') > 0) {
    issues.push(codedIssue(endLine, 'OFX', 'error', { code: 'ends_inside', params: { what: 'document', element: 'OFX', openedOn: null } }));
  }
  return statements;
}

/** The element name at the start of a tag's inside (`NAME`, `INTU.BID`, `ofx:STMTTRN` keeps its prefix). */
function tagName(inner: string): string {
  return /^<?\/?\s*([A-Za-z_][\w.:-]*)/.exec(inner)?.[1] ?? '';
}

/** The account of a statement that names none. */
export const NO_ACCOUNT = '(no account in the file)';

/** Turns one statement's transactions into bank lines, with an issue for every bad field. */
function readStatement(
  statement: RawStatement,
  out: BankLine[],
  periods: StatementPeriod[],
  issues: ParseIssue[],
  seenIds: Set<string>,
): void {
  let account = statement.account?.value || statement.looseAccount?.value || '';
  if (statement.account === null && account !== '') {
    issues.push({
      line: statement.looseAccount!.line,
      field: 'BANKACCTFROM',
      severity: 'warning',
      message: `the statement has no BANKACCTFROM; the account is the ACCTID "${account}" printed on this line`,
    });
  } else if (statement.account === null) {
    // Some banks' exports carry no account aggregate at all: the lines are kept under a name that says so.
    account = NO_ACCOUNT;
    issues.push({
      line: statement.line,
      field: 'BANKACCTFROM',
      severity: 'warning',
      message: `the statement names no account (no BANKACCTFROM, CCACCTFROM or ACCTID); its lines are kept under "${NO_ACCOUNT}"`,
    });
  } else if (account === '') {
    issues.push({
      line: statement.account.line,
      field: 'ACCTID',
      severity: 'error',
      message: 'the statement names no account (BANKACCTFROM/ACCTID is empty)',
    });
  }
  const defaultCurrency = readCurrency(statement.currency, 'CURDEF', issues);
  if (statement.hasTranList) {
    periods.push({ account, from: periodDate(statement.from, 'DTSTART', issues), to: periodDate(statement.to, 'DTEND', issues) });
  }

  const fallbackCounts = new Map<string, number>();
  for (const txn of statement.txns) {
    let ok = account !== '';
    const posted = txn.leaves.get('DTPOSTED');
    const bookedOn = readDate(posted, 'DTPOSTED', txn.line, issues, true);
    if (bookedOn === null) ok = false;
    // DTAVAIL is when the money can be used, the value date; DTUSER is when the customer acted (a card's purchase date).
    const available = txn.leaves.get('DTAVAIL');
    const valueOn = available && available.value !== '' ? readDate(available, 'DTAVAIL', txn.line, issues, false) : null;

    // A STMTTRN's own CURRENCY/CURSYM says its amounts are in that currency, not CURDEF (OFX 1.6 §5.2);
    // ofx-v102-empty-tags.ofx has an empty CURDEF and the currency only there.
    const ownCurrency = txn.currency !== null && txn.currency.value !== '';
    const currency = ownCurrency ? readCurrency(txn.currency, 'CURSYM', issues) : defaultCurrency;
    const malformed = ownCurrency || (statement.currency !== null && statement.currency.value !== '');
    if (currency === null) {
      ok = false;
      // A malformed code already has its issue; a missing one is named here, on the transaction.
      if (!malformed)
        issues.push({
          line: txn.line,
          field: 'CURDEF',
          severity: 'error',
          message: 'no currency for this transaction: CURDEF is missing or empty and the STMTTRN has no CURRENCY/CURSYM',
        });
    }

    const trnamt = txn.leaves.get('TRNAMT');
    let amountMinor = 0;
    if (!trnamt || trnamt.value === '') {
      ok = false;
      issues.push({ line: trnamt?.line ?? txn.line, field: 'TRNAMT', severity: 'error', message: 'the transaction has no amount' });
    } else {
      // OFX amounts have no thousands separators; some European banks write a decimal comma ("-6,60").
      const decimal = trnamt.value.includes(',') && !trnamt.value.includes('.') ? ',' : '.';
      const parsed = parseAmount(trnamt.value, { digits: minorDigits(currency ?? ''), decimal });
      if (parsed.ok) amountMinor = parsed.minor;
      else {
        ok = false;
        issues.push(codedIssue(trnamt.line, 'TRNAMT', 'error', amountIssue(parsed, 'TRNAMT')));
      }
    }
    if (!ok || bookedOn === null || currency === null) continue;

    let id = txn.leaves.get('FITID')?.value ?? '';
    if (id === '') {
      // ofx-v102-empty-tags.ofx writes <FITID></FITID>: derive an id from the content so a re-import gives the same one.
      const base = `${account}:${bookedOn}:${amountMinor}`;
      const n = (fallbackCounts.get(base) ?? 0) + 1;
      fallbackCounts.set(base, n);
      id = `${base}#${n}`;
      issues.push({
        line: txn.leaves.get('FITID')?.line ?? txn.line,
        field: 'FITID',
        severity: 'warning',
        message: `the transaction has no FITID; it is kept as "${id}"`,
      });
    } else if (seenIds.has(`${account}\u0000${id}`)) {
      issues.push(
        codedIssue(txn.leaves.get('FITID')?.line ?? txn.line, 'FITID', 'warning', { code: 'duplicate_id', params: { label: 'FITID', id } }),
      );
    }
    seenIds.add(`${account}\u0000${id}`);

    const name = txn.leaves.get('NAME')?.value || txn.payeeName?.value || '';
    out.push({
      id,
      account,
      bookedOn,
      valueOn,
      amountMinor,
      currency,
      counterparty: name,
      description: txn.leaves.get('MEMO')?.value ?? '',
      line: txn.line,
    });
  }
}

/** An ISO 4217 code from CURDEF or CURSYM, upper case; null (with an issue when malformed) otherwise. */
function readCurrency(leaf: Leaf | null, field: string, issues: ParseIssue[]): string | null {
  if (leaf === null || leaf.value === '') return null;
  const code = leaf.value.toUpperCase();
  if (/^[A-Z]{3}$/.test(code)) return code;
  issues.push({ line: leaf.line, field, severity: 'error', message: `"${leaf.value}" is not an ISO 4217 currency code` });
  return null;
}

/** A period bound: the date as printed, or null when absent; a malformed one is an error. */
function periodDate(leaf: Leaf | null, field: string, issues: ParseIssue[]): string | null {
  if (leaf === null || leaf.value === '') return null;
  return readDate(leaf, field, leaf.line, issues, false);
}

/**
 * Reads an OFX date: `YYYYMMDD`, `YYYYMMDDHHMM`, `YYYYMMDDHHMMSS`, `…SS.XXX`, `…SS:014` (a colon before the
 * milliseconds, ofx-v102-empty-tags.ofx), `…[-5:EST]`, `…[-:EST]` (a zone without its offset). The date is the
 * one printed: the bank's local booking date, never shifted to UTC by the zone.
 */
function readDate(leaf: Leaf | undefined, field: string, fallbackLine: number, issues: ParseIssue[], required: boolean): string | null {
  if (!leaf || leaf.value === '') {
    if (required)
      issues.push({
        line: leaf?.line ?? fallbackLine,
        field,
        severity: 'error',
        message: `${field} is ${leaf ? 'empty' : 'missing'}: the transaction has no date`,
      });
    return null;
  }
  const m = /^(\d{4})(\d{2})(\d{2})(?:\d{2}){0,3}(?:[.:]\d{1,6})?\s*(?:\[[^\]]*\])?$/.exec(leaf.value);
  const date = m ? `${m[1]}-${m[2]}-${m[3]}` : '';
  if (m && isIsoDate(date)) return date;
  issues.push({
    line: leaf.line,
    field,
    severity: 'error',
    message: `"${leaf.value}" is not an OFX date (YYYYMMDD[HHMMSS[.XXX]][[±h:TZ]])`,
  });
  return null;
}

/** OFX's SGML may also write `&nbsp;`. */
const decodeOfxEntities = (text: string): string => decodeEntities(text, { nbsp: '\u00a0' });
