// Hostile input files for every reader, built at test time (nothing large is committed): each case is a
// function of a size `n` so the same shape serves the test suite (small n) and the linearity benchmark
// (n and 2n). `node test/hostile/make-cases.mjs DIR [--scale K]` writes every case into DIR for timing
// the command line on them.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { crc32, constants, deflateRawSync } from 'node:zlib';

const enc = new TextEncoder();
const bytes = text => enc.encode(text);

/** A deterministic stream of noise (xorshift32): the same bytes on every run. */
function noise(length, seed = 0x2545f491) {
  const out = new Uint8Array(length);
  let x = seed | 0;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

const STRIPE_HEADER =
  'reporting_category,balance_transaction_id,gross,fee,net,currency,created_utc,created,automatic_payout_id,' +
  'automatic_payout_effective_at,charge_id,source_id,card_funding,payment_metadata[terminal_id],payment_metadata[card_fingerprint],' +
  'payment_metadata[order_ref],description';
const stripeRow = i =>
  `charge,txn_${String(i).padStart(20, '0')},25.00,0.95,24.05,USD,2026-03-02 14:05:00,2026-03-02 09:05:00,` +
  `po_1TestPayoutAAAA01,2026-03-04 00:00:00,ch_${i},ch_${i},credit,tmr_1,fp1,A-${i},Latte`;
const stripeRows = n => Array.from({ length: n }, (_, i) => stripeRow(i + 1));

/** A Stripe export whose row 3 opens a quote that nothing closes, then n more rows (~200 bytes each). */
export function csvUnterminatedQuote(n) {
  return bytes([STRIPE_HEADER, stripeRow(1), stripeRow(2).replace('Latte', '"Latte'), ...stripeRows(n)].join('\n') + '\n');
}

/** One quoted cell holding n doubled quotes ("" escapes), plus n/2 lone quotes after it in the same cell. */
export function csvManyQuotes(n) {
  return bytes(
    `${STRIPE_HEADER}\n${stripeRow(1).replace('Latte', `"${'""'.repeat(n)}x"`)}\n${stripeRow(2).replace('Latte', `a${'"'.repeat(n)}b`)}\n`,
  );
}

/** A bad amount cell n bytes long: the message must quote a bounded piece of it. */
export function csvHugeCell(n) {
  return bytes(`${STRIPE_HEADER}\n${stripeRow(1).replace('25.00', '9'.repeat(n) + 'x')}\n`);
}

/** A line of n quote characters and nothing else under a header. */
export function csvQuoteLine(n) {
  return bytes(`${STRIPE_HEADER}\n${'"'.repeat(n)}\n${stripeRow(1)}\n`);
}

const camtEntry = i =>
  `<Ntry><NtryRef>${i}</NtryRef><Amt Ccy="EUR">${(i % 997) + 1}.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts>` +
  `<BookgDt><Dt>2026-01-05</Dt></BookgDt><ValDt><Dt>2026-01-05</Dt></ValDt><AcctSvcrRef>R${i}</AcctSvcrRef>` +
  `<NtryDtls><TxDtls><RmtInf><Ustrd>Payment ${i}</Ustrd></RmtInf></TxDtls></NtryDtls></Ntry>`;
const camtHead =
  '<?xml version="1.0" encoding="UTF-8"?><Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt>' +
  '<GrpHdr><MsgId>M1</MsgId><CreDtTm>2026-01-06T00:00:00</CreDtTm></GrpHdr><Stmt><Id>S1</Id><CreDtTm>2026-01-06T00:00:00</CreDtTm>' +
  '<Acct><Id><IBAN>DE89370400440532013000</IBAN></Id><Ccy>EUR</Ccy></Acct>';
const camtTail = '</Stmt></BkToCstmrStmt></Document>';

/** A camt.053 of n entries, all on one line (some banks write it so). */
export function camtOneLine(n) {
  return bytes(camtHead + Array.from({ length: n }, (_, i) => camtEntry(i + 1)).join('') + camtTail);
}

/** A camt.053 where `construct` opens and is never closed, n times over. */
export function camtUnclosed(construct) {
  return n => bytes(camtHead + camtEntry(0) + construct.repeat(n));
}

/** A camt.053 document nested n elements deep inside its statement. */
export function camtDeep(n) {
  return bytes(camtHead + '<Ntry>'.repeat(n) + '</Ntry>'.repeat(n) + camtTail);
}

const ofxHead =
  'OFXHEADER:100\nDATA:OFXSGML\nVERSION:102\nSECURITY:NONE\nENCODING:USASCII\nCHARSET:1252\nCOMPRESSION:NONE\n' +
  'OLDFILEUID:NONE\nNEWFILEUID:NONE\n\n<OFX><BANKMSGSRSV1><STMTTRNRS><TRNUID>0<STMTRS><CURDEF>USD<BANKACCTFROM><BANKID>1<ACCTID>42' +
  '<ACCTTYPE>CHECKING</BANKACCTFROM><BANKTRANLIST><DTSTART>20260101<DTEND>20260131';
const ofxTail = '</BANKTRANLIST></STMTRS></STMTTRNRS></BANKMSGSRSV1></OFX>\n';
const ofxTxn = i =>
  `<STMTTRN><TRNTYPE>CREDIT<DTPOSTED>20260105<TRNAMT>${(i % 997) + 1}.00<FITID>F${i}<NAME>Payment ${i}<MEMO>Card batch ${i}</STMTTRN>`;

/** An OFX 1.x statement of n transactions on one line. */
export function ofxOneLine(n) {
  return bytes(ofxHead + Array.from({ length: n }, (_, i) => ofxTxn(i + 1)).join('') + ofxTail);
}

/** An OFX where `construct` opens and is never closed, n times over. */
export function ofxUnclosed(construct) {
  return n => bytes(ofxHead + ofxTxn(0) + construct.repeat(n));
}

/** An OFX with n nested aggregates. */
export function ofxDeep(n) {
  return bytes(ofxHead + '<STMTTRN>'.repeat(n) + '</STMTTRN>'.repeat(n) + ofxTail);
}

/** A QIF of n tiny records. */
export function qifTiny(n) {
  const rec = '\nD1/2/26\nT1\n^';
  return bytes('!Type:Bank' + rec.repeat(n) + '\n');
}

/** n bytes of noise. */
export function binaryNoise(n) {
  return noise(n);
}

// ---- zip archives written by hand, so that their declared sizes can lie ----

/**
 * A raw deflate stream that inflates to `megabytes` MB of zeros: one 1 MB block flushed to a byte
 * boundary and repeated (each copy refers only to the zeros before it), then an empty final block.
 */
function zeroBomb(megabytes) {
  const kernel = deflateRawSync(new Uint8Array(1 << 20), { level: 9, finishFlush: constants.Z_SYNC_FLUSH });
  const end = deflateRawSync(new Uint8Array(0));
  const out = new Uint8Array(kernel.length * megabytes + end.length);
  for (let i = 0; i < megabytes; i++) out.set(kernel, i * kernel.length);
  out.set(end, kernel.length * megabytes);
  return out;
}

/**
 * A zip of `entries` ({ name, data, size?, method? }): data is stored as given (deflated when method 8),
 * `size` is the uncompressed size the headers declare. `aliases` adds central-directory entries that
 * point at the same local file as the entry named (the overlapping-entries bomb).
 */
function writeZip(entries, aliases = []) {
  const locals = [];
  const central = [];
  let offset = 0;
  const offsets = new Map();
  for (const e of entries) {
    const name = bytes(e.name);
    const method = e.method ?? 8;
    const data = method === 8 ? (e.raw ? e.data : deflateRawSync(e.data)) : e.data;
    const size = e.size ?? e.data.length;
    const crc = e.raw ? 0 : crc32(e.data);
    const h = new DataView(new ArrayBuffer(30));
    h.setUint32(0, 0x04034b50, true);
    h.setUint16(4, 20, true);
    h.setUint16(8, method, true);
    h.setUint32(14, crc, true);
    h.setUint32(18, data.length, true);
    h.setUint32(22, size, true);
    h.setUint16(26, name.length, true);
    locals.push(new Uint8Array(h.buffer), name, data);
    offsets.set(e.name, { offset, method, crc, csize: data.length, size });
    central.push({ name, offset, method, crc, csize: data.length, size });
    offset += 30 + name.length + data.length;
  }
  for (const [alias, of] of aliases) central.push({ name: bytes(alias), ...offsets.get(of) });
  const dir = [];
  let dirSize = 0;
  for (const c of central) {
    const h = new DataView(new ArrayBuffer(46));
    h.setUint32(0, 0x02014b50, true);
    h.setUint16(4, 20, true);
    h.setUint16(6, 20, true);
    h.setUint16(10, c.method, true);
    h.setUint32(16, c.crc, true);
    h.setUint32(20, c.csize, true);
    h.setUint32(24, c.size, true);
    h.setUint16(28, c.name.length, true);
    h.setUint32(42, c.offset, true);
    dir.push(new Uint8Array(h.buffer), c.name);
    dirSize += 46 + c.name.length;
  }
  const eocd = new DataView(new ArrayBuffer(22));
  eocd.setUint32(0, 0x06054b50, true);
  eocd.setUint16(8, central.length, true);
  eocd.setUint16(10, central.length, true);
  eocd.setUint32(12, dirSize, true);
  eocd.setUint32(16, offset, true);
  const parts = [...locals, ...dir, new Uint8Array(eocd.buffer)];
  const out = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

const XLSX_PARTS = [
  {
    name: '[Content_Types].xml',
    data: bytes('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'),
  },
  {
    name: '_rels/.rels',
    data: bytes(
      '<?xml version="1.0"?><Relationships><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    ),
  },
  {
    name: 'xl/workbook.xml',
    data: bytes('<?xml version="1.0"?><workbook><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>'),
  },
  {
    name: 'xl/_rels/workbook.xml.rels',
    data: bytes(
      '<?xml version="1.0"?><Relationships><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
    ),
  },
];

/** An .xlsx whose sheet declares 1 MB but inflates to n MB of zeros. */
export function xlsxLyingSize(n) {
  return writeZip([...XLSX_PARTS, { name: 'xl/worksheets/sheet1.xml', data: zeroBomb(n), raw: true, size: 1 << 20 }]);
}

/** An .xlsx whose sheet honestly declares n MB... of zeros, n times the 256 MB cap when n ≥ 257. */
export function xlsxHugeDeclared(n) {
  return writeZip([...XLSX_PARTS, { name: 'xl/worksheets/sheet1.xml', data: zeroBomb(n), raw: true, size: Math.min(0xffffffff, n << 20) }]);
}

/** An Alipay-style zip whose n central-directory entries all point at one 4 MB-inflating CSV. */
export function zipOverlapping(n) {
  const aliases = Array.from({ length: n }, (_, i) => [`bill${i}.csv`, 'bill.csv']);
  return writeZip([{ name: 'bill.csv', data: zeroBomb(4), raw: true, size: 4 << 20 }], aliases);
}

/**
 * A small .xlsx whose zip64 end record claims n central-directory entries (it has five): a reader that
 * walks n entries without checking them against the file loops for minutes.
 */
export function zipCountLie(n) {
  const zip = writeZip(XLSX_PARTS);
  const eocd = zip.length - 22;
  const view = new DataView(zip.buffer);
  const dirSize = view.getUint32(eocd + 12, true),
    dirOffset = view.getUint32(eocd + 16, true);
  const record = new DataView(new ArrayBuffer(56 + 20));
  record.setUint32(0, 0x06064b50, true);
  record.setBigUint64(4, 44n, true);
  record.setUint16(12, 45, true);
  record.setUint16(14, 45, true);
  record.setBigUint64(24, BigInt(n), true);
  record.setBigUint64(32, BigInt(n), true);
  record.setBigUint64(40, BigInt(dirSize), true);
  record.setBigUint64(48, BigInt(dirOffset), true);
  record.setUint32(56, 0x07064b50, true);
  record.setBigUint64(64, BigInt(eocd), true);
  record.setUint32(72, 1, true);
  const out = new Uint8Array(zip.length + 76);
  out.set(zip.subarray(0, eocd));
  out.set(new Uint8Array(record.buffer), eocd);
  out.set(zip.subarray(eocd), eocd + 76);
  new DataView(out.buffer).setUint16(eocd + 76 + 8, 0xffff, true);
  new DataView(out.buffer).setUint16(eocd + 76 + 10, 0xffff, true);
  return out;
}

/** An honest .xlsx whose one cell tag carries n name characters and no "=" (a 7 KB zip at n = 7,000,000). */
export function xlsxLongAttribute(n) {
  const sheet = bytes(`<?xml version="1.0"?><worksheet><sheetData><row r="1"><c ${'a'.repeat(n)}/></row></sheetData></worksheet>`);
  return writeZip([...XLSX_PARTS, { name: 'xl/worksheets/sheet1.xml', data: sheet }]);
}

/** A zip of one CSV that claims 1 KB and inflates to n MB. */
export function zipCsvLyingSize(n) {
  return writeZip([{ name: 'bill.csv', data: zeroBomb(n), raw: true, size: 1024 }]);
}

/**
 * Every case: `make(n)` builds it, `n` is the size the test suite uses, `unit` what n counts;
 * `expect` is `refused` (an error issue) or `read` (rows, perhaps with warnings); `issue` a pattern the
 * refusal's message (or one warning) must match.
 */
export const CASES = [
  {
    name: 'csv-unterminated-quote',
    ext: 'csv',
    make: csvUnterminatedQuote,
    n: 20_000,
    unit: 'rows after the quote',
    expect: 'refused',
    issue: /quote opened in this row is (never|not) closed/,
  },
  { name: 'csv-many-quotes-one-cell', ext: 'csv', make: csvManyQuotes, n: 200_000, unit: 'quotes in a cell', expect: 'read' },
  { name: 'csv-quote-line', ext: 'csv', make: csvQuoteLine, n: 400_000, unit: 'quotes on a line', expect: 'refused' },
  { name: 'csv-huge-cell', ext: 'csv', make: csvHugeCell, n: 2_000_000, unit: 'bytes in a cell', expect: 'refused', issue: /…/ },
  { name: 'camt-one-line', ext: 'xml', make: camtOneLine, n: 5_000, unit: 'entries on one line', expect: 'read' },
  {
    name: 'camt-unclosed-pi',
    ext: 'xml',
    make: camtUnclosed('<?pi '),
    n: 50_000,
    unit: 'repeats',
    expect: 'refused',
    issue: /never closed/,
  },
  {
    name: 'camt-unclosed-comment',
    ext: 'xml',
    make: camtUnclosed('<!-- '),
    n: 50_000,
    unit: 'repeats',
    expect: 'refused',
    issue: /never closed/,
  },
  {
    name: 'camt-unclosed-cdata',
    ext: 'xml',
    make: camtUnclosed('<![CDATA[ '),
    n: 50_000,
    unit: 'repeats',
    expect: 'refused',
    issue: /never closed/,
  },
  {
    name: 'camt-unclosed-doctype',
    ext: 'xml',
    make: camtUnclosed('<!DOCTYPE x [ '),
    n: 50_000,
    unit: 'repeats',
    expect: 'refused',
    issue: /never closed/,
  },
  { name: 'camt-deep', ext: 'xml', make: camtDeep, n: 200_000, unit: 'levels', expect: 'refused', issue: /deep/ },
  { name: 'ofx-one-line', ext: 'ofx', make: ofxOneLine, n: 10_000, unit: 'transactions on one line', expect: 'read' },
  { name: 'ofx-unclosed-pi', ext: 'ofx', make: ofxUnclosed('<?pi '), n: 50_000, unit: 'repeats', expect: 'refused', issue: /never closed/ },
  {
    name: 'ofx-unclosed-comment',
    ext: 'ofx',
    make: ofxUnclosed('<!-- '),
    n: 50_000,
    unit: 'repeats',
    expect: 'refused',
    issue: /never closed/,
  },
  {
    name: 'ofx-unclosed-cdata',
    ext: 'ofx',
    make: ofxUnclosed('<![CDATA[ '),
    n: 50_000,
    unit: 'repeats',
    expect: 'refused',
    issue: /never closed/,
  },
  { name: 'ofx-deep', ext: 'ofx', make: ofxDeep, n: 200_000, unit: 'levels', expect: 'refused', issue: /deep/ },
  {
    name: 'xlsx-lying-size',
    ext: 'xlsx',
    make: xlsxLyingSize,
    n: 64,
    unit: 'MB inflated behind a 1 MB claim',
    expect: 'refused',
    issue: /declares/,
  },
  {
    name: 'xlsx-huge-declared',
    ext: 'xlsx',
    make: xlsxHugeDeclared,
    n: 300,
    unit: 'MB declared and inflated',
    expect: 'refused',
    issue: /declares 300 MB/,
  },
  {
    name: 'zip-overlapping-entries',
    ext: 'zip',
    make: zipOverlapping,
    n: 20,
    unit: 'entries sharing one body',
    expect: 'refused',
    issue: /share the same compressed bytes/,
  },
  {
    name: 'zip-csv-lying-size',
    ext: 'zip',
    make: zipCsvLyingSize,
    n: 64,
    unit: 'MB inflated behind a 1 KB claim',
    expect: 'refused',
    issue: /declares/,
  },
  { name: 'xlsx-long-attribute', ext: 'xlsx', make: xlsxLongAttribute, n: 1_000_000, unit: 'characters in one tag', expect: 'refused' },
  {
    name: 'zip-entry-count-lie',
    ext: 'xlsx',
    make: zipCountLie,
    n: 0xffffffff,
    unit: 'entries claimed (it has five)',
    expect: 'refused',
    issue: /claims 4294967295 entries/,
  },
  { name: 'binary-noise', ext: 'bin', make: binaryNoise, n: 1 << 20, unit: 'bytes', expect: 'refused' },
];

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/.*\//, ''))) {
  const dir = process.argv[2];
  if (!dir) {
    process.stderr.write('usage: node test/hostile/make-cases.mjs DIR [--scale K] [--only NAME,…]\n');
    process.exit(2);
  }
  const scaleAt = process.argv.indexOf('--scale');
  const scale = scaleAt > 0 ? Number(process.argv[scaleAt + 1]) : 1;
  const onlyAt = process.argv.indexOf('--only');
  const only = onlyAt > 0 ? new Set(process.argv[onlyAt + 1].split(',')) : null;
  mkdirSync(dir, { recursive: true });
  for (const c of CASES) {
    if (only && !only.has(c.name)) continue;
    const data = c.make(Math.round(c.n * scale));
    writeFileSync(join(dir, `${c.name}.${c.ext}`), data);
    process.stdout.write(`${c.name}.${c.ext}\t${data.length} bytes\n`);
  }
}
