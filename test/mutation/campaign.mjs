// The mutation campaign of issue 16, shared by scripts/mutation-campaign.mjs (thousands of cases, a worker
// per case with a hard time limit) and test/mutation-campaign.test.ts (a couple of hundred, in CI).
// Plain Node, no dependencies: every mutation is a function of the file's bytes and a seed, so a case
// listed in a report is repeated by its (file, mutation, seed).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { gbk } from '../support/gbk.mjs';

/** The folders whose files are mutated, relative to the repository. */
export const ROOTS = ['test/fixtures', 'test/corpus'];

/** Upstream expectations, licences and tools beside the files: not statements or exports. */
const NOT_INPUT = /(^|\/)(LICENSE[^/]*|\.gitignore)$|\.(md|json|ya?ml|py|ts|mjs|d\.mts)$/i;

/** Every statement or export under {@link ROOTS}, as repository-relative paths with `/`, sorted. */
export function inputFiles(repo) {
  const out = [];
  const walk = dir => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else {
        const rel = relative(repo, path).split(sep).join('/');
        if (!NOT_INPUT.test(rel)) out.push(rel);
      }
    }
  };
  for (const root of ROOTS) walk(join(repo, root));
  return out.sort();
}

/** Reads a file under the repository. */
export const readInput = (repo, rel) => new Uint8Array(readFileSync(join(repo, rel)));

// ---------------------------------------------------------------------------------------------------------
// Seeded randomness

/** A 32-bit hash of a string (FNV-1a), so a file's cases do not move when other files come and go. */
export function hash(text) {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

/** mulberry32: a small deterministic generator of floats in [0, 1). */
export function random(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: n => Math.floor(next() * n), pick: list => list[Math.floor(next() * list.length)] };
}

/** The seed of one case: the campaign seed, the file and the case's number. */
export const caseSeed = (seed, file, k) => hash(`${seed}:${file}:${k}`);

// ---------------------------------------------------------------------------------------------------------
// Bytes as lines (GBK and UTF-8 kept as they are)

const LF = 0x0a;

/** The offsets where each line starts, and the file length as the last entry. */
function lineStarts(bytes) {
  const starts = [0];
  for (let i = 0; i < bytes.length; i++) if (bytes[i] === LF && i + 1 < bytes.length) starts.push(i + 1);
  starts.push(bytes.length);
  return starts;
}

/** The file's lines, each with its line break. */
function linesOf(bytes) {
  const s = lineStarts(bytes);
  const out = [];
  for (let i = 0; i + 1 < s.length; i++) out.push(bytes.subarray(s[i], s[i + 1]));
  return out;
}

function concat(parts) {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

const ascii = text => new Uint8Array([...text].map(c => c.charCodeAt(0) & 0xff));

/** Whether the bytes are valid UTF-8. */
function isUtf8(bytes) {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** Offsets of the lead bytes of multi-byte characters, in UTF-8 or else read as GBK. */
function multiByteStarts(bytes) {
  const out = [];
  if (isUtf8(bytes)) {
    for (let i = 0; i < bytes.length; i++) if (bytes[i] >= 0xc0) out.push(i);
  } else {
    for (let i = 0; i < bytes.length; i++)
      if (bytes[i] >= 0x81 && bytes[i] <= 0xfe && i + 1 < bytes.length) {
        out.push(i);
        i++;
      }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// Mutations. Each takes (bytes, rnd, rowLines) — rowLines: the 1-based lines the whole file's rows start on —
// and returns the mutated bytes with a note of what was done, or null when it does not apply to this file.

/** A line to aim at: one a row of the whole file starts on when it has rows, else any line. */
function targetLine(lines, rnd, rowLines) {
  const rows = rowLines.filter(l => l <= lines.length);
  return rows.length ? rnd.pick(rows) - 1 : rnd.int(lines.length);
}

const cut = (bytes, at, note) => ({ bytes: bytes.slice(0, at), note: `${note}: cut at byte ${at} of ${bytes.length}` });

const MUTATIONS = {
  /** A download stopped inside a row: the cut falls strictly inside a row's line. */
  'cut-in-row'(bytes, rnd, rowLines) {
    const s = lineStarts(bytes);
    const i = targetLine(linesOf(bytes), rnd, rowLines);
    const from = s[i],
      to = s[i + 1] - 1;
    if (to - from < 2) return null;
    return cut(bytes, from + 1 + rnd.int(to - from - 1), `inside line ${i + 1}`);
  },
  /** Cut just after a line break: the file stops between rows. */
  'cut-at-line-end'(bytes, rnd, rowLines) {
    const s = lineStarts(bytes);
    if (s.length < 3) return null;
    const i = targetLine(linesOf(bytes), rnd, rowLines);
    const at = Math.max(1, s[i + 1]);
    if (at >= bytes.length) return null;
    return cut(bytes, at, `after line ${i + 1}`);
  },
  /** Cut just before a line break: the last row is whole but the file lacks its final line break. */
  'cut-before-line-end'(bytes, rnd, rowLines) {
    const s = lineStarts(bytes);
    const i = targetLine(linesOf(bytes), rnd, rowLines);
    let at = s[i + 1] - 1;
    if (at > 0 && bytes[at - 1] === 0x0d) at--;
    if (at <= 0 || at >= bytes.length - 1) return null;
    return cut(bytes, at, `before the line break of line ${i + 1}`);
  },
  /** Cut between the bytes of one multi-byte (GBK or UTF-8) character. */
  'cut-in-char'(bytes, rnd) {
    const starts = multiByteStarts(bytes);
    if (!starts.length) return null;
    return cut(bytes, rnd.pick(starts) + 1, 'inside a multi-byte character');
  },
  /** Cut at any byte. */
  'cut-anywhere'(bytes, rnd) {
    if (bytes.length < 2) return null;
    return cut(bytes, 1 + rnd.int(bytes.length - 1), 'at a random byte');
  },
  /** The last 1–3 lines deleted (a download that lost its tail at a line break). */
  'drop-last-lines'(bytes, rnd) {
    const lines = linesOf(bytes);
    while (lines.length && lines[lines.length - 1].every(b => b === 0x0a || b === 0x0d || b === 0x20)) lines.pop();
    const k = 1 + rnd.int(3);
    if (lines.length <= k) return null;
    return { bytes: concat(lines.slice(0, lines.length - k)), note: `the last ${k} of ${lines.length} lines deleted` };
  },
  'delete-line'(bytes, rnd, rowLines) {
    const lines = linesOf(bytes);
    if (lines.length < 2) return null;
    const i = targetLine(lines, rnd, rowLines);
    return { bytes: concat(lines.filter((_, j) => j !== i)), note: `line ${i + 1} deleted` };
  },
  'duplicate-line'(bytes, rnd, rowLines) {
    const lines = linesOf(bytes);
    const i = targetLine(lines, rnd, rowLines);
    const line = lines[i].at(-1) === LF ? lines[i] : concat([lines[i], new Uint8Array([LF])]);
    return { bytes: concat([...lines.slice(0, i), line, ...lines.slice(i)]), note: `line ${i + 1} duplicated` };
  },
  'swap-lines'(bytes, rnd, rowLines) {
    const lines = linesOf(bytes);
    if (lines.length < 3) return null;
    const i = targetLine(lines, rnd, rowLines);
    const j = rnd.int(lines.length);
    if (i === j) return null;
    const fixed = lines.map(l => (l.at(-1) === LF ? l : concat([l, new Uint8Array([LF])])));
    [fixed[i], fixed[j]] = [fixed[j], fixed[i]];
    return { bytes: concat(fixed), note: `lines ${i + 1} and ${j + 1} swapped` };
  },
  'flip-bytes'(bytes, rnd) {
    if (!bytes.length) return null;
    const out = bytes.slice();
    const n = 1 + rnd.int(4);
    const at = [];
    for (let k = 0; k < n; k++) {
      const i = rnd.int(out.length);
      out[i] ^= 1 + rnd.int(255);
      at.push(i);
    }
    return { bytes: out, note: `bytes ${at.join(', ')} flipped` };
  },
  'insert-bytes'(bytes, rnd) {
    const at = rnd.int(bytes.length + 1);
    const ins = new Uint8Array(1 + rnd.int(8)).map(() => rnd.int(256));
    return { bytes: concat([bytes.subarray(0, at), ins, bytes.subarray(at)]), note: `${ins.length} random bytes inserted at ${at}` };
  },
  'insert-quote'(bytes, rnd, rowLines) {
    const s = lineStarts(bytes);
    const i = targetLine(linesOf(bytes), rnd, rowLines);
    const at = s[i] + rnd.int(Math.max(1, s[i + 1] - s[i]));
    const q = rnd.pick(['"', "'", '""', '"\n']);
    return {
      bytes: concat([bytes.subarray(0, at), ascii(q), bytes.subarray(at)]),
      note: `${JSON.stringify(q)} inserted at ${at} (line ${i + 1})`,
    };
  },
  /** One cell of a row (between delimiters, or an element's text) replaced by a very long string. */
  'long-cell'(bytes, rnd, rowLines) {
    const lines = linesOf(bytes);
    const i = targetLine(lines, rnd, rowLines);
    const line = lines[i];
    const long = ascii(rnd.pick(['A', '9', '1,234.56;', '"x', '\u00e9']).repeat(20_000 + rnd.int(80_000)));
    let from, to;
    const counts = [0x2c, 0x3b, 0x09, 0x7c].map(d => [d, line.filter(b => b === d).length]).sort((a, b) => b[1] - a[1]);
    const [delim, count] = counts[0];
    const gt = line.indexOf(0x3e);
    if (count > 0) {
      const cells = [-1];
      line.forEach((b, j) => {
        if (b === delim) cells.push(j);
      });
      const k = rnd.int(cells.length);
      from = cells[k] + 1;
      to = k + 1 < cells.length ? cells[k + 1] : line.length - (line.at(-1) === LF ? 1 : 0);
    } else if (gt >= 0 && gt + 1 < line.length) {
      from = gt + 1;
      const lt = line.indexOf(0x3c, from);
      to = lt > 0 ? lt : line.length - (line.at(-1) === LF ? 1 : 0);
    } else {
      from = Math.min(line.length, 1 + line.indexOf(0x3a, 1));
      to = line.length - (line.at(-1) === LF ? 1 : 0);
      if (to < from) to = from;
    }
    const s = lineStarts(bytes)[i];
    return {
      bytes: concat([bytes.subarray(0, s + from), long, bytes.subarray(s + to)]),
      note: `line ${i + 1} bytes ${from}..${to} replaced by ${long.length} characters`,
    };
  },
  /** UTF-8 → GBK, GBK → UTF-8, or a plain ASCII file given a UTF-8 byte-order mark. */
  'change-encoding'(bytes) {
    if (bytes.every(b => b < 0x80))
      return { bytes: concat([new Uint8Array([0xef, 0xbb, 0xbf]), bytes]), note: 'UTF-8 byte-order mark added to an ASCII file' };
    if (bytes[0] === 0x50 && bytes[1] === 0x4b) return null;
    if (isUtf8(bytes)) {
      const text = new TextDecoder('utf-8').decode(bytes).replace(/^\uFEFF/, '');
      return { bytes: gbk(text), note: 'UTF-8 re-encoded as GBK' };
    }
    return { bytes: new TextEncoder().encode(new TextDecoder('gbk').decode(bytes)), note: 'GBK re-encoded as UTF-8' };
  },
  empty() {
    return { bytes: new Uint8Array(0), note: 'empty file' };
  },
  /** The lines before the whole file's first row (its title and header), or its first line. */
  'header-only'(bytes, _rnd, rowLines) {
    const lines = linesOf(bytes);
    const first = rowLines.length ? Math.min(...rowLines) : 2;
    const keep = Math.max(1, Math.min(first - 1, lines.length));
    if (keep >= lines.length) return null;
    return { bytes: concat(lines.slice(0, keep)), note: `only the ${keep} line(s) before the first row kept` };
  },
};

/** Every mutation's name; the first five and drop-last-lines leave a file cut short. */
export const MUTATION_NAMES = Object.keys(MUTATIONS);
export const TRUNCATIONS = new Set([
  'cut-in-row',
  'cut-at-line-end',
  'cut-before-line-end',
  'cut-in-char',
  'cut-anywhere',
  'drop-last-lines',
]);

/**
 * Case `k` of a file: the mutation it applies (cycling through them all, so each file gets each kind) and its
 * bytes, or null when that mutation does not apply. `rowLines`: the lines the whole file's rows start on.
 */
export function makeCase(bytes, file, seed, k, rowLines) {
  const mutation = MUTATION_NAMES[k % MUTATION_NAMES.length];
  const s = caseSeed(seed, file, k);
  const made = MUTATIONS[mutation](bytes, random(s), rowLines);
  return made && { file, k, seed: s, mutation, truncation: TRUNCATIONS.has(mutation), note: made.note, bytes: made.bytes };
}

// ---------------------------------------------------------------------------------------------------------
// Judging one reading against the whole file's

const ACQUIRER_FIELDS = [
  'kind',
  'at',
  'grossMinor',
  'feeMinor',
  'netMinor',
  'currency',
  'merchantId',
  'terminal',
  'card',
  'cardType',
  'payoutId',
  'settlementDate',
  'voided',
  'originalId',
  'reference',
];
const BANK_FIELDS = ['account', 'bookedOn', 'valueOn', 'amountMinor', 'currency', 'counterparty', 'description', 'balanceMinor'];
const MONEY = ['grossMinor', 'feeMinor', 'netMinor', 'amountMinor', 'balanceMinor'];

const rowsOf = r => [...r.acquirerTxns, ...r.bankLines];
const fieldsOf = row => ('amountMinor' in row ? BANK_FIELDS : ACQUIRER_FIELDS);
const issueKey = i => `${i.severity}|${i.line}|${i.field}|${i.message}`;
/** A warning that says the file may be cut short tells the merchant so, even when the whole file has it too. */
const TELLS_CUT = /cut short|ends inside|may be missing|are missing|is missing/i;
/** Fields a row takes from another row (a sale's void): a cut before that row loses it with the row. */
const LINKED = new Set(['voided']);

/** What was wrong with an issue's shape, or null: a line ≥ 1, a field, a message, no reader crash. */
function unstructuredIssue(i) {
  if (!(Number.isInteger(i.line) && i.line >= 1)) return 'issue without a line number';
  if (typeof i.field !== 'string' || i.field.length === 0) return 'issue without a field';
  if (typeof i.message !== 'string' || i.message.length === 0) return 'issue without a message';
  if (/internal error/i.test(i.message)) return 'internal error';
  return null;
}

/**
 * Judges the reading of a mutated file (`result`, or `thrown` when parseFile threw) against the whole
 * file's (`whole`). Returns { outcome: refused|warned|clean|unstructured, unstructured: [...], invalid: [...],
 * silentChanges: [...], cutLastCell: [...], idChanged: [...], silentLoss: {whole, read, linked?} | null }. Only a file cut short
 * (`truncation`) read with no error and no issue the whole file lacks (nor one saying it may be cut short) is
 * compared: a row whose id or values differ is a silent change, except the last cell of the last row cut
 * between two characters (cutLastCell: invisible to any delimited format) and a sale's void cut off with its
 * void row (part of the silent loss), and a row read with all its values under another id (idChanged: the
 * format derives ids from the whole file); fewer rows is silent loss.
 */
export function judge(whole, result, thrown, truncation) {
  if (thrown !== undefined)
    return {
      outcome: 'unstructured',
      unstructured: [`parseFile threw: ${String(thrown).slice(0, 300)}`],
      invalid: [],
      silentChanges: [],
      cutLastCell: [],
      idChanged: [],
      silentLoss: null,
    };
  const unstructured = [];
  for (const i of result.issues) {
    const why = unstructuredIssue(i);
    if (why) unstructured.push(`${why}: line ${i.line}, field ${JSON.stringify(i.field)}: ${String(i.message).slice(0, 300)}`);
  }
  // A row read with money that is not a whole number of minor units is garbage, whatever the issues say.
  const invalid = [];
  for (const row of rowsOf(result)) {
    for (const f of MONEY)
      if (f in row && row[f] !== null && row[f] !== undefined && !Number.isSafeInteger(row[f]))
        invalid.push(`line ${row.line}: ${f} = ${row[f]}`);
  }
  const errors = result.issues.filter(i => i.severity === 'error');
  const outcome = unstructured.length
    ? 'unstructured'
    : errors.length
      ? 'refused'
      : result.issues.some(i => i.severity === 'warning')
        ? 'warned'
        : 'clean';
  const verdict = { outcome, unstructured, invalid, silentChanges: [], cutLastCell: [], idChanged: [], silentLoss: null };
  if (!truncation || errors.length) return verdict;
  // Silent: no issue the whole file did not already have (a warning the whole file also gets tells nothing of the cut).
  const known = new Set(whole.issues.map(issueKey));
  if (result.issues.some(i => !known.has(issueKey(i)) || TELLS_CUT.test(i.message))) return verdict;
  const byId = new Map();
  for (const row of rowsOf(whole)) byId.set(row.id, [...(byId.get(row.id) ?? []), row]);
  const read = rowsOf(result);
  const lastLine = Math.max(0, ...read.map(r => r.line));
  const lost = read.length < rowsOf(whole).length;
  const linked = [];
  for (const row of read) {
    const same = byId.get(row.id);
    if (!same) {
      // The same row (every value equal, same line) under another id: the id depends on the rest of the file.
      const twin = rowsOf(whole).find(w => w.line === row.line && fieldsOf(row).every(f => (w[f] ?? null) === (row[f] ?? null)));
      if (twin)
        verdict.idChanged.push({
          line: row.line,
          id: row.id,
          fields: ['id'],
          note: `id ${JSON.stringify(twin.id)} → ${JSON.stringify(row.id)}, every value the same`,
        });
      else verdict.silentChanges.push({ line: row.line, id: row.id, fields: ['id'], note: 'a row whose id the whole file does not have' });
      continue;
    }
    const diffs = same.map(w => fieldsOf(row).filter(f => (w[f] ?? null) !== (row[f] ?? null)));
    const least = diffs.reduce((a, b) => (b.length < a.length ? b : a));
    if (!least.length) continue;
    const w = same[diffs.indexOf(least)];
    const change = {
      line: row.line,
      id: row.id,
      fields: least,
      note: least.map(f => `${f}: ${JSON.stringify(w[f] ?? null)} → ${JSON.stringify(row[f] ?? null)}`).join('; '),
    };
    const [only] = least;
    if (
      least.length === 1 &&
      row.line === lastLine &&
      typeof row[only] === 'string' &&
      typeof w[only] === 'string' &&
      w[only].startsWith(row[only])
    ) {
      // The file ends inside the last cell of its last row, between two characters: the row has all its cells
      // and a file may end without a line break, so no delimited format can see it (reported, not hidden).
      verdict.cutLastCell.push(change);
    } else if (lost && least.every(f => LINKED.has(f))) {
      // The row that set it (a void) is among those cut off: that is the loss, counted below.
      linked.push(change);
    } else verdict.silentChanges.push(change);
  }
  if (lost) verdict.silentLoss = { whole: rowsOf(whole).length, read: read.length, ...(linked.length ? { linked } : {}) };
  return verdict;
}

/** The lines a reading's rows start on (the targets of row-aimed mutations). */
export const rowLinesOf = r => [...new Set(rowsOf(r).map(row => row.line))].sort((a, b) => a - b);
