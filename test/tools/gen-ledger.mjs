#!/usr/bin/env node
// Vendored from the team's shared tools (shared/tools/gen-ledger.mjs) so tests, benchmarks and the demo
// ledger run on a clone with no ../shared beside it. Keep it in sync with the original apart from this note.
/*
 * gen-ledger.mjs — synthetic acquirer exports + bank statements with a known
 * ground truth, for the settlewatch reconciliation contract
 * (../spec/reconcile.md).  Plain Node.js 20, no dependencies, deterministic
 * for a given --seed.
 *
 * THE MODEL
 * ---------
 * A merchant takes card payments through one or two acquirer accounts and
 * receives the acquirers' settlement credits on one bank account.
 *
 *  - Each acquirer account has 2–20 terminals (Zipf-weighted) and a pool of
 *    customer cards (some regulars).  Every calendar day it makes a Poisson
 *    number of sales at times drawn from a mixture of opening-hours uniform
 *    and lunch/evening peaks; ticket sizes are lognormal (CN median 80 CNY,
 *    US/EU 30) with a share of round prices.
 *  - Activity that is not a fault: refunds (~1 %, 1–30 days after the sale,
 *    referencing it, negative net), voids (CN only, ~0.5 %, same trade date,
 *    separate 消费撤销 row; both rows are "voided"), chargebacks (US/EU only,
 *    ~0.1 %, negative gross plus a dispute fee, netted into a payout).
 *  - Trade date = local date, or the next day at/after the cutoff (CN 23:00).
 *    Batch = one acquirer account and one trade date (CN) or one payout
 *    (Stripe-like).  E = the settlementLagBusinessDays-th business day after
 *    the trade date; Stripe prints it as automatic_payout_effective_at.
 *  - Credits: "lakala" merges all batches sharing E into one bank credit,
 *    "chinaums" pays every batch separately, Stripe pays one payout per
 *    business day.
 *  - Faults (rates by --faults): late, missing, short credits; duplicate
 *    charges (copy of a sale 20 s–5 min later); fee_mismatch (MCC-jumping
 *    episodes: one terminal charged another rate for a day); unknown
 *    acquirer credits (the previous period's credit landing on the first
 *    statement days, and ad-hoc adjustments).  With default/heavy one of each
 *    is also forced near the as-of date so every status shows up.
 *  - Decoys (present even with --faults none): non-acquirer credits with
 *    exactly a batch's amount on the same day, legitimate repeat purchases
 *    (same terminal+card+amount, always > 30 min apart), acquirer debits,
 *    and acquirer credits whose counterparty is blank (name only in the memo).
 *  - Bank noise: salaries, rent, suppliers, utilities, taxes, fees and credits
 *    from non-configured channels (WeChat Pay/Alipay, DoorDash, Lieferando…).
 *  - As-of A = the last business day on or before the last trade date; the
 *    statement ends there, so the last batches are pending.
 *
 * The truth is computed from the simulation with the contract's rules, never
 * by parsing the files.  Transactions are streamed: a batch's transactions
 * are written to truth.json as soon as its credit's fate is decided, so
 * memory stays flat at any --days.
 */
import { openSync, writeSync, closeSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

// ───────────────────────────────────────────────────────────── CLI ──────────
const USAGE = `usage: node gen-ledger.mjs --scenario cn|us|eu --seed N --days D --tx-per-day T
                         [--start 2026-01-05] [--out DIR] [--faults default|none|heavy]`;

function die(msg, code = 2) {
  process.stderr.write(`gen-ledger: ${msg}\n`);
  process.exit(code);
}

function parseArgs(argv) {
  const o = { scenario: null, seed: null, days: null, txPerDay: null, start: '2026-01-05', out: null, faults: 'default' };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const eq = a.indexOf('=');
    const key = eq > 0 ? a.slice(0, eq) : a;
    const val = () => {
      if (eq > 0) return a.slice(eq + 1);
      if (i + 1 >= argv.length) die(`${key} needs a value\n${USAGE}`);
      return argv[++i];
    };
    switch (key) {
      case '--scenario': o.scenario = val(); break;
      case '--seed': o.seed = val(); break;
      case '--days': o.days = Number(val()); break;
      case '--tx-per-day': o.txPerDay = Number(val()); break;
      case '--start': o.start = val(); break;
      case '--out': o.out = val(); break;
      case '--faults': o.faults = val(); break;
      case '-h': case '--help': process.stdout.write(USAGE + '\n'); process.exit(0); break;
      default: die(`unknown option ${a}\n${USAGE}`);
    }
  }
  if (!['cn', 'us', 'eu'].includes(o.scenario)) die(`--scenario must be cn, us or eu\n${USAGE}`);
  if (o.seed === null || !/^\d+$/.test(o.seed)) die(`--seed must be a non-negative integer\n${USAGE}`);
  if (!Number.isInteger(o.days) || o.days < 1 || o.days > 1000) die('--days must be an integer 1..1000');
  if (!Number.isFinite(o.txPerDay) || o.txPerDay < 1 || o.txPerDay > 100000) die('--tx-per-day must be 1..100000');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(o.start) || Number.isNaN(Date.parse(o.start))) die('--start must be YYYY-MM-DD');
  if (!['default', 'none', 'heavy'].includes(o.faults)) die('--faults must be default, none or heavy');
  o.out ??= `./ledger-${o.scenario}-${o.seed}`;
  return o;
}

// ───────────────────────────────────────────────────────────── RNG ──────────
// sfc32 seeded through splitmix32 from a string label; fork() gives an
// independent stream per concern so one part's draws never shift another's.
function hash32(str) {
  let h = 0x811c9dc5;
  for (let i = 0; i < str.length; i++) { h ^= str.charCodeAt(i); h = Math.imul(h, 0x01000193); }
  return h >>> 0;
}

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const ID_CODES = new Uint16Array(256);

class Rng {
  constructor(label) {
    this.label = label;
    let s = hash32(label);
    const sm = () => {
      s = (s + 0x9e3779b9) | 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.a = sm(); this.b = sm(); this.c = sm(); this.d = sm();
    this.spare = null;
    for (let i = 0; i < 15; i++) this.next();
  }
  next() {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return (t >>> 0) / 4294967296;
  }
  fork(sub) { return new Rng(`${this.label}/${sub}`); }
  int(lo, hi) { return lo + Math.floor(this.next() * (hi - lo + 1)); }
  uniform(lo, hi) { return lo + this.next() * (hi - lo); }
  chance(p) { return this.next() < p; }
  pick(arr) { return arr[Math.floor(this.next() * arr.length)]; }
  normal() {
    if (this.spare !== null) { const s = this.spare; this.spare = null; return s; }
    let u = 0; while (u === 0) u = this.next();
    const v = this.next();
    const r = Math.sqrt(-2 * Math.log(u));
    this.spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  }
  poisson(lambda) {
    if (lambda <= 0) return 0;
    if (lambda > 30) return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * this.normal()));
    const L = Math.exp(-lambda);
    let k = 0, p = 1;
    do { k++; p *= this.next(); } while (p > L);
    return k - 1;
  }
  /** prefix + n random characters, built as one flat string (ids stay compact in memory). */
  id(prefix, n, alphabet = BASE62) {
    const codes = ID_CODES, L = alphabet.length;
    let k = 0;
    for (; k < prefix.length; k++) codes[k] = prefix.charCodeAt(k);
    for (let i = 0; i < n; i++) codes[k++] = alphabet.charCodeAt(Math.floor(this.next() * L));
    return String.fromCharCode.apply(null, codes.subarray(0, k));
  }
  digits(n) { return this.id('', n, '0123456789'); }
  alnum(n, alphabet = BASE62) { return this.id('', n, alphabet); }
  weighted(cum) { // cum: ascending cumulative weights ending at 1
    const u = this.next();
    let lo = 0, hi = cum.length - 1;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (cum[mid] < u) lo = mid + 1; else hi = mid; }
    return lo;
  }
}

function cumulative(weights) {
  const total = weights.reduce((s, w) => s + w, 0);
  let acc = 0;
  const cum = weights.map(w => (acc += w / total));
  cum[cum.length - 1] = 1;
  return cum;
}

// ──────────────────────────────────────────────────── dates, calendars ──────
// A date is an integer day number (days since 1970-01-01); seconds-of-day are
// local to the acquirer.
const DAY_SEC = 86400;
const dayOf = iso => Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)) / 86400000;
const weekday = day => (((day + 4) % 7) + 7) % 7; // 0 = Sunday
const isoCache = new Map();
function iso(day) {
  let s = isoCache.get(day);
  if (s === undefined) { s = new Date(day * 86400000).toISOString().slice(0, 10); isoCache.set(day, s); }
  return s;
}
const compact = day => iso(day).replaceAll('-', '');
const pad2 = n => (n < 10 ? '0' + n : '' + n);
const hms = sec => `${pad2(Math.floor(sec / 3600))}:${pad2(Math.floor(sec / 60) % 60)}:${pad2(sec % 60)}`;
const hmsCompact = sec => hms(sec).replaceAll(':', '');
const monthOf = day => +iso(day).slice(5, 7);
const yearOf = day => +iso(day).slice(0, 4);
const parseHHMM = s => { const [h, m] = s.split(':').map(Number); return h * 3600 + m * 60; };

function range(a, b) { const out = []; for (let d = dayOf(a); d <= dayOf(b); d++) out.push(iso(d)); return out; }

// Real calendars.  CN-2026: 国务院办公厅关于2026年部分节假日安排的通知 (2025-11-04).
// US-2026: Federal Reserve holidays (a Saturday holiday is not moved: July 4).
// TARGET-2026: TARGET2 closing days.  2027-01-01 is added to each so a
// 365-day run that crosses New Year stays plausible.
const CALENDAR_DATA = {
  'CN-2026': {
    weekend: [6, 0],
    holidays: [
      ...range('2026-01-01', '2026-01-03'), ...range('2026-02-15', '2026-02-23'), ...range('2026-04-04', '2026-04-06'),
      ...range('2026-05-01', '2026-05-05'), ...range('2026-06-19', '2026-06-21'), ...range('2026-09-25', '2026-09-27'),
      ...range('2026-10-01', '2026-10-07'), '2027-01-01',
    ],
    workdays: ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'],
  },
  'US-2026': {
    weekend: [6, 0],
    holidays: ['2026-01-01', '2026-01-19', '2026-02-16', '2026-05-25', '2026-06-19', '2026-09-07', '2026-10-12',
      '2026-11-11', '2026-11-26', '2026-12-25', '2027-01-01'],
    workdays: [],
  },
  'TARGET-2026': {
    weekend: [6, 0],
    holidays: ['2026-01-01', '2026-04-03', '2026-04-06', '2026-05-01', '2026-12-25', '2026-12-26', '2027-01-01'],
    workdays: [],
  },
};

class Calendar {
  constructor(id, data) {
    this.id = id;
    this.data = data;
    this.weekend = new Set(data.weekend);
    this.holidays = new Set(data.holidays.map(dayOf));
    this.workdays = new Set(data.workdays.map(dayOf));
    this.cache = new Map();
  }
  isBiz(day) {
    let b = this.cache.get(day);
    if (b === undefined) {
      b = this.workdays.has(day) || (!this.holidays.has(day) && !this.weekend.has(weekday(day)));
      this.cache.set(day, b);
    }
    return b;
  }
  /** n > 0: the n-th business day strictly after day; n < 0: before; 0: day. */
  addBiz(day, n) {
    const step = n > 0 ? 1 : -1;
    let k = Math.abs(n), d = day;
    while (k > 0) { d += step; if (this.isBiz(d)) k--; }
    return d;
  }
  onOrAfter(day) { let d = day; while (!this.isBiz(d)) d++; return d; }
  onOrBefore(day) { let d = day; while (!this.isBiz(d)) d--; return d; }
  toConfig() { return { id: this.id, weekend: this.data.weekend, holidays: this.data.holidays, workdays: this.data.workdays }; }
}

// Offset (local − UTC, seconds) of a zone on a local date, taken at 12:00 UTC:
// after any 02:00/03:00 DST switch, so right for every opening hour.
const dtfCache = new Map();
const offsetCache = new Map();
function tzOffsetSec(tz, day) {
  const key = tz + day;
  let off = offsetCache.get(key);
  if (off !== undefined) return off;
  let dtf = dtfCache.get(tz);
  if (!dtf) {
    dtf = new Intl.DateTimeFormat('en-US', { timeZone: tz, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
    dtfCache.set(tz, dtf);
  }
  const t = day * DAY_SEC + 12 * 3600;
  const p = Object.fromEntries(dtf.formatToParts(new Date(t * 1000)).map(x => [x.type, x.value]));
  off = Date.UTC(+p.year, +p.month - 1, +p.day, +p.hour, +p.minute, +p.second) / 1000 - t;
  offsetCache.set(key, off);
  return off;
}

// ───────────────────────────────────────────────────────────── money ────────
// Integer minor units everywhere; formatting only at the edge.
function fmtMinor(m) {
  const a = Math.abs(m);
  const s = Math.floor(a / 100) + '.' + pad2(a % 100);
  return m < 0 ? '-' + s : s;
}
function fmtThousands(m) {
  const a = Math.abs(m);
  const int = String(Math.floor(a / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return (m < 0 ? '-' : '') + int + '.' + pad2(a % 100);
}
function parseRate(str) {
  const [i, f = ''] = str.split('.');
  return { num: Number(i + f), den: 10 ** f.length };
}
/** Contracted fee: round_half_up(gross × rate), capped. gross > 0. */
function feeFor(gross, rule) {
  const f = Math.floor((2 * gross * rule.num + rule.den) / (2 * rule.den));
  return rule.cap != null && f > rule.cap ? rule.cap : f;
}

// ────────────────────────────────────────────────────── encodings, sinks ────
// GBK encoder built by inverting the platform's GBK decoder over every
// double-byte code (lead 0x81–0xFE, trail 0x40–0xFE without 0x7F).
let GBK = null;
function gbkTable() {
  if (GBK) return GBK;
  GBK = new Uint16Array(65536);
  const dec = new TextDecoder('gbk');
  const pairs = [];
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) if (trail !== 0x7f) pairs.push((lead << 8) | trail);
  }
  const buf = Buffer.alloc(pairs.length * 3);
  pairs.forEach((p, i) => { buf[i * 3] = p >> 8; buf[i * 3 + 1] = p & 0xff; buf[i * 3 + 2] = 0x0a; });
  const segs = dec.decode(buf).split('\n');
  const decodeOne = p => dec.decode(Buffer.from([p >> 8, p & 0xff]));
  const aligned = segs.length === pairs.length + 1;
  pairs.forEach((p, i) => {
    const s = aligned ? segs[i] : decodeOne(p);
    if (s.length === 1 && s !== '\ufffd' && GBK[s.charCodeAt(0)] === 0) GBK[s.charCodeAt(0)] = p;
  });
  return GBK;
}

/** Buffered synchronous file writer, UTF-8 or GBK. */
class Sink {
  constructor(path, encoding = 'utf8') {
    this.path = path;
    this.encoding = encoding;
    this.fd = openSync(path, 'w');
    this.buf = Buffer.allocUnsafe(1 << 20);
    this.pos = 0;
    this.bytes = 0;
    if (encoding === 'gbk') this.gbk = gbkTable();
  }
  write(s) {
    if (s.length * 3 > this.buf.length) { // huge string: write in pieces
      for (let i = 0; i < s.length; i += 65536) this.write(s.slice(i, i + 65536));
      return;
    }
    if (this.pos + s.length * 3 > this.buf.length) this.flush();
    if (this.encoding !== 'gbk') { this.pos += this.buf.write(s, this.pos, 'utf8'); return; }
    const buf = this.buf, tab = this.gbk;
    let p = this.pos;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c < 0x80) { buf[p++] = c; continue; }
      const g = tab[c];
      if (!g) throw new Error(`${this.path}: character U+${c.toString(16)} has no GBK code`);
      buf[p++] = g >> 8; buf[p++] = g & 0xff;
    }
    this.pos = p;
  }
  flush() {
    if (this.pos === 0) return;
    writeSync(this.fd, this.buf, 0, this.pos);
    this.bytes += this.pos;
    this.pos = 0;
  }
  close() { this.flush(); closeSync(this.fd); }
}

const csvField = v => (/[",\r\n]/.test(v) ? '"' + v.replaceAll('"', '""') + '"' : v);
const xml = s => String(s).replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');

function ibanCheck(country, bban) {
  const rearranged = bban + country + '00';
  let rem = 0;
  for (const ch of rearranged) {
    const v = /[A-Z]/.test(ch) ? String(ch.charCodeAt(0) - 55) : ch;
    for (const digit of v) rem = (rem * 10 + Number(digit)) % 97;
  }
  return country + pad2(98 - rem) + bban;
}

// ─────────────────────────────────────────────────────── fault rates ───────
const FAULTS = {
  none: { late: 0, missing: 0, short: 0, duplicate: 0, feeEpisode: 0, unknownPerMonth: 0, previousPeriod: false, forced: false, decoyCredit: 0.04 },
  default: { late: 0.03, missing: 0.01, short: 0.015, duplicate: 0.002, feeEpisode: 0.02, unknownPerMonth: 0.7, previousPeriod: true, forced: true, decoyCredit: 0.04 },
  heavy: { late: 0.10, missing: 0.04, short: 0.06, duplicate: 0.01, feeEpisode: 0.10, unknownPerMonth: 3, previousPeriod: true, forced: true, decoyCredit: 0.12 },
};
const ACTIVITY = {
  refund: 0.01, void: 0.005, chargeback: 0.001, repeatDecoy: 0.003, tripleDuplicate: 0.1, refundedDuplicate: 0.15,
  acquirerDebitPerMonth: 0.5, blankCounterparty: 0.1, camtNoSvcrRef: 0.08,
};
const REPEAT_GAP_SEC = 30 * 60; // legitimate repeats are always further apart than this

// ─────────────────────────────────────────────────────────── markets ───────
// Ticket sizes (minor units), card mix and opening hours per market.
const MARKETS = {
  cn: {
    ticket: { median: 8000, sigma: 0.75, min: 100, max: 800000, round: [[0.45, 100], [0.15, 50]] },
    debitShare: 0.58,
    hours: { open: 9.5 * 3600, close: 23.75 * 3600, uniform: 0.25, peaks: [[12.25, 0.8, 0.35], [18.75, 1.3, 0.40]] },
    weekday: [1.12, 0.92, 0.92, 0.92, 0.92, 1.05, 1.15],
    special: { '2026-02-16': 0.5, '2026-02-17': 0.4, '2026-02-18': 0.5, '2026-02-19': 0.6, '2026-02-20': 0.7 },
  },
  us: {
    ticket: { median: 3000, sigma: 0.7, min: 150, max: 250000, round: [[0.2, 100], [0.1, 25]] },
    debitShare: 0.52,
    brands: [['visa', 0.52], ['mastercard', 0.25], ['amex', 0.13], ['discover', 0.10]],
    countries: [['US', 0.93], ['CA', 0.03], ['GB', 0.02], ['MX', 0.02]],
    hours: { open: 7 * 3600, close: 21 * 3600, uniform: 0.2, peaks: [[8.5, 1, 0.3], [12.5, 0.8, 0.35], [18, 1, 0.15]] },
    weekday: [1.05, 0.95, 0.95, 0.95, 0.97, 1.05, 1.08],
    special: { '2026-11-26': 0.3, '2026-12-25': 0.2, '2027-01-01': 0.5 },
  },
  eu: {
    ticket: { median: 3000, sigma: 0.7, min: 150, max: 250000, round: [[0.3, 100], [0.15, 50]] },
    debitShare: 0.68,
    brands: [['visa', 0.55], ['mastercard', 0.41], ['amex', 0.04]],
    countries: [['DE', 0.85], ['AT', 0.04], ['FR', 0.03], ['NL', 0.03], ['IT', 0.03], ['US', 0.02]],
    hours: { open: 7.5 * 3600, close: 22 * 3600, uniform: 0.2, peaks: [[8.75, 1, 0.25], [12.75, 0.9, 0.35], [18.5, 1.1, 0.2]] },
    weekday: [0.75, 0.98, 0.98, 0.98, 1.02, 1.12, 1.17],
    special: { '2026-04-03': 0.7, '2026-04-06': 0.7, '2026-12-25': 0.3, '2026-12-26': 0.4, '2027-01-01': 0.4 },
  },
};

// ───────────────────────────────────────────────────────── scenarios ───────
// Everything scenario-specific: config values, export/bank formats, names.
const MERCHANT_CN = '上海禾田餐饮管理有限公司';
const SCENARIOS = {
  cn: {
    currency: 'CNY',
    market: 'cn',
    calendar: 'CN-2026',
    acquirers: [
      {
        id: 'lakala', name: '拉卡拉', legalName: '拉卡拉支付股份有限公司', format: 'cn-acquirer', style: 'lakala',
        share: 0.58, timezone: 'Asia/Shanghai', lag: 1, cutoff: '23:00', merge: true, printsSettlementDate: true,
        voids: true, chargebacks: false, merchantNo: '822290058120001', rrnPrefix: '0', terminalPrefix: '5',
        fees: [{ cardType: 'debit', rate: '0.0050', capMinor: 2500 }, { cardType: 'credit', rate: '0.0060' }],
        mismatch: [['0.0078', 0.85], ['0.0038', 0.15]], creditHours: [7, 9.5],
        memo: () => 'POS结算款 822290058120001', summary: '清算款', withholding: [5000, 10000],
      },
      {
        id: 'chinaums', name: '银联商务', legalName: '银联商务股份有限公司', format: 'cn-acquirer', style: 'chinaums',
        share: 0.42, timezone: 'Asia/Shanghai', lag: 1, cutoff: '23:00', merge: false, printsSettlementDate: false,
        voids: true, chargebacks: false, merchantNo: '898310058120002', rrnPrefix: '3', terminalPrefix: '8',
        fees: [{ cardType: 'debit', rate: '0.0050', capMinor: 2000 }, { cardType: 'credit', rate: '0.0055' }],
        mismatch: [['0.0078', 0.85], ['0.0038', 0.15]], creditHours: [10, 14],
        memo: () => '银联商务清算资金 898310058120002', summary: '汇入', withholding: [5000, 10000],
      },
    ],
    bank: {
      format: 'cn-bank-csv', file: 'bank-ccb', name: '中国建设银行', account: '31050161373600001234', holder: MERCHANT_CN,
      decoyChannels: [['财付通支付科技有限公司', '提现', '微信支付商户提现'], ['支付宝（中国）网络技术有限公司', '提现', '支付宝提现']],
    },
  },
  us: {
    currency: 'USD',
    market: 'us',
    calendar: 'US-2026',
    acquirers: [
      {
        id: 'stripe', name: 'Stripe', legalName: 'STRIPE', format: 'stripe-itemized', style: 'stripe',
        share: 1, timezone: 'America/New_York', lag: 2, cutoff: null, merge: false, printsSettlementDate: true,
        voids: false, chargebacks: true, disputeFee: 1500,
        fees: [{ cardType: 'debit', rate: '0.0260' }, { cardType: 'credit', rate: '0.0270' }],
        mismatch: [['0.0290', 0.85], ['0.0240', 0.15]], creditHours: [5, 8.5],
        bankName: 'STRIPE TRANSFER', withholding: [2500, 5000],
      },
    ],
    bank: {
      format: 'ofx', file: 'bank-wellsfargo', bankId: '121000248', account: '4839201765', holder: 'BLUE FERN COFFEE CO',
      decoyChannels: [['DOORDASH INC', 'PAYOUT'], ['UBER USA 6787', 'EATS PAYOUT'], ['PAYPAL TRANSFER', 'PAYPAL TRANSFER']],
    },
  },
  eu: {
    currency: 'EUR',
    market: 'eu',
    calendar: 'TARGET-2026',
    acquirers: [
      {
        id: 'stripe', name: 'Stripe', legalName: 'Stripe Technology Europe Ltd', format: 'stripe-itemized', style: 'stripe',
        share: 1, timezone: 'Europe/Berlin', lag: 3, cutoff: null, merge: false, printsSettlementDate: true,
        voids: false, chargebacks: true, disputeFee: 2000,
        fees: [{ cardType: 'debit', rate: '0.0140' }, { cardType: 'credit', rate: '0.0150' }],
        mismatch: [['0.0250', 0.85], ['0.0120', 0.15]], creditHours: [4, 7],
        withholding: [2000, 5000],
      },
    ],
    bank: {
      format: 'camt053', file: 'camt053-commerzbank', bic: 'COBADEFFXXX', blz: '70040041', account: '0612345678', holder: 'Café Lindenhof GmbH',
      decoyChannels: [['Takeaway.com Payments B.V.', 'Lieferando Auszahlung'], ['Wolt Enterprises Deutschland GmbH', 'Wolt payout'],
        ['PayPal Europe S.a.r.l. et Cie S.C.A', 'PayPal Auszahlung']],
    },
  },
};

// Recurring bank activity that is not an acquirer credit.  amount: multiples
// of the average daily settlement [lo, hi] (or fixed minor units),
// schedule: monthly:DOM | weekly:WD | biweekly:WD | bizday:P.
const NOISE = {
  cn: [
    { schedule: 'monthly:1', dir: -1, scale: [3.5, 3.5], fixedPerRun: true, cp: ['上海嘉里物业管理有限公司'], summary: '转账', memo: d => `${monthOf(d)}月房租`, hours: [9, 11] },
    { schedule: 'monthly:10', dir: -1, scale: [6, 7], cp: [''], summary: '代发工资', memo: d => `${monthOf(d) === 1 ? 12 : monthOf(d) - 1}月工资 共14笔`, hours: [10, 11] },
    { schedule: 'monthly:15', dir: -1, scale: [1.2, 1.4], cp: ['上海市社会保险事业管理中心'], summary: '代扣社保', memo: () => '社会保险费', hours: [2, 5] },
    { schedule: 'monthly:15', dir: -1, scale: [0.8, 1.6], cp: ['国家金库上海市分库'], summary: '代扣税款', memo: () => '增值税及附加', hours: [2, 5] },
    { schedule: 'monthly:8', dir: -1, scale: [0.25, 0.45], cp: ['国网上海市电力公司'], summary: '代扣电费', memo: () => '电费', hours: [1, 6] },
    { schedule: 'monthly:12', dir: -1, scale: [0.05, 0.1], cp: ['上海城投水务（集团）有限公司'], summary: '代扣水费', memo: () => '水费', hours: [1, 6] },
    { schedule: 'monthly:18', dir: -1, scale: [0.1, 0.2], cp: ['上海燃气有限公司'], summary: '代扣燃气费', memo: () => '燃气费', hours: [1, 6] },
    { schedule: 'bizday:0.55', dir: -1, scale: [0.4, 1.6], cp: ['上海蔬果供应链有限公司', '上海鲜丰肉类食品有限公司', '上海粮油批发有限公司', '上海禾鲜水产有限公司'], summary: '转账', memo: () => '货款', hours: [13, 17], cents: true },
    { schedule: 'bizday:0.9', dir: 1, scale: [0.15, 0.5], cp: ['财付通支付科技有限公司'], summary: '提现', memo: () => '微信支付商户提现', hours: [6, 9], cents: true },
    { schedule: 'bizday:0.5', dir: 1, scale: [0.05, 0.3], cp: ['支付宝（中国）网络技术有限公司'], summary: '提现', memo: () => '支付宝提现', hours: [9, 18], cents: true },
    { schedule: 'monthly:21', dir: -1, fixed: [300, 300], cp: [''], summary: '收费', memo: () => '短信服务费', hours: [1, 3] },
    { schedule: 'monthly:25', prob: 0.3, dir: 1, scale: [2, 5], cp: ['张伟'], summary: '转账存入', memo: () => '备用金', hours: [15, 20] },
  ],
  us: [
    { schedule: 'monthly:1', dir: -1, scale: [4, 4], fixedPerRun: true, cp: ['OAK STREET PROPERTIES LLC'], memo: () => 'ONLINE PMT RENT', type: 'PAYMENT', hours: [6, 9] },
    { schedule: 'biweekly:5', dir: -1, scale: [4, 5], cp: ['GUSTO'], memo: () => 'NET PAY', type: 'DEBIT', hours: [5, 7], cents: true },
    { schedule: 'biweekly:5', dir: -1, scale: [1, 1.3], cp: ['GUSTO'], memo: () => 'TAX', type: 'DEBIT', hours: [5, 7], cents: true },
    { schedule: 'bizday:0.5', dir: -1, scale: [0.4, 1.5], cp: ['SYSCO', 'US FOODS INC', 'RESTAURANT DEPOT', 'CHEFS WAREHOUSE'], memo: () => 'ACH DEBIT INVOICE', type: 'DEBIT', hours: [8, 17], cents: true },
    { schedule: 'monthly:12', dir: -1, scale: [0.3, 0.5], cp: ['PGE WEB ONLINE'], memo: () => 'UTILITY PAYMENT', type: 'DEBIT', hours: [5, 9], cents: true },
    { schedule: 'monthly:16', dir: -1, fixed: [12999, 12999], cp: ['COMCAST'], memo: () => 'CABLE SVCS', type: 'DEBIT', hours: [5, 9] },
    { schedule: 'weekly:1', dir: 1, scale: [0.8, 1.8], cp: ['DOORDASH INC'], memo: () => 'PAYOUT', type: 'CREDIT', hours: [6, 9], cents: true },
    { schedule: 'weekly:3', dir: 1, scale: [0.4, 1.2], cp: ['UBER USA 6787'], memo: () => 'EATS PAYOUT', type: 'CREDIT', hours: [6, 9], cents: true },
    { schedule: 'bizday:0.1', dir: 1, scale: [0.05, 0.4], cp: ['PAYPAL TRANSFER'], memo: () => 'PAYPAL TRANSFER', type: 'XFER', hours: [9, 18], cents: true },
    { schedule: 'monthly:28', dir: -1, fixed: [1500, 1500], cp: ['MONTHLY SERVICE FEE'], memo: () => 'MONTHLY SERVICE FEE', type: 'FEE', hours: [20, 23] },
  ],
  eu: [
    { schedule: 'monthly:1', dir: -1, scale: [4, 4], fixedPerRun: true, cp: ['Hausverwaltung Kranz GmbH'], memo: d => `Miete Ladenlokal EG ${pad2(monthOf(d))}/${yearOf(d)}`, code: 'ICDT', hours: [6, 9] },
    { schedule: 'monthly:27', dir: -1, scale: [0.7, 0.9], cp: ['Anna Becker', 'Jonas Weber', 'Lea Hoffmann', 'Mehmet Yilmaz', 'Sofia Rossi'], each: true, memo: d => `Lohn/Gehalt ${pad2(monthOf(d))}/${yearOf(d)}`, code: 'ICDT', hours: [6, 8], cents: true },
    { schedule: 'monthly:27', dir: -1, scale: [1.2, 1.5], cp: ['AOK Bayern'], memo: d => `Beitragsnachweis ${pad2(monthOf(d))}/${yearOf(d)} BNR 81234567`, code: 'IDDT', hours: [3, 6], cents: true },
    { schedule: 'monthly:10', dir: -1, scale: [0.8, 1.8], cp: ['Finanzamt München'], memo: () => 'USt-VA StNr 143/123/45678', code: 'IDDT', hours: [3, 6], cents: true },
    { schedule: 'monthly:15', dir: -1, scale: [0.3, 0.3], fixedPerRun: true, cp: ['Stadtwerke München GmbH'], memo: () => 'Abschlag Strom/Gas VK 4711023', code: 'IDDT', hours: [3, 6] },
    { schedule: 'monthly:20', dir: -1, fixed: [5995, 5995], cp: ['Telekom Deutschland GmbH'], memo: () => 'Rechnung Festnetz/Internet', code: 'IDDT', hours: [3, 6] },
    { schedule: 'bizday:0.5', dir: -1, scale: [0.4, 1.5], cp: ['METRO Deutschland GmbH', 'Kaffeerösterei Dinzler GmbH', 'Hofpfisterei GmbH', 'Andechser Molkerei Scheitz GmbH'], memo: () => 'Rechnung', code: 'ICDT', hours: [8, 16], cents: true },
    { schedule: 'weekly:2', dir: 1, scale: [0.8, 1.6], cp: ['Takeaway.com Payments B.V.'], memo: () => 'Lieferando Auszahlung', code: 'RCDT', hours: [5, 9], cents: true },
    { schedule: 'weekly:4', dir: 1, scale: [0.3, 0.9], cp: ['Wolt Enterprises Deutschland GmbH'], memo: () => 'Wolt payout', code: 'RCDT', hours: [5, 9], cents: true },
    { schedule: 'bizday:0.1', dir: 1, scale: [0.05, 0.4], cp: ['PayPal Europe S.a.r.l. et Cie S.C.A'], memo: () => 'PayPal Auszahlung', code: 'RCDT', hours: [9, 17], cents: true },
    { schedule: 'monthly:28', dir: -1, fixed: [1290, 1290], cp: [''], memo: () => 'Kontoführungsentgelt', code: 'CHRG', hours: [20, 23] },
  ],
};

// ─────────────────────────────────────────────────── merchant world ────────
const CN_BINS = {
  debit: ['622848', '621700', '622202', '621226', '621483', '623058', '621661', '622700', '622262', '621799'],
  credit: ['625807', '622588', '436742', '524047', '518710', '622155', '625965', '356833', '552599', '628290'],
};

function makeTerminals(acc) {
  const rng = acc.rng;
  const n = Math.max(2, Math.min(20, Math.round(2 + acc.salesPerDay / 60 + rng.uniform(-1, 1))));
  const ids = new Set();
  const terminals = [];
  while (terminals.length < n) {
    const id = acc.def.style === 'stripe' ? rng.id('tmr_', 14) : rng.id(acc.def.terminalPrefix, 7, '0123456789');
    if (ids.has(id)) continue;
    ids.add(id);
    terminals.push({ id, weight: 1 / Math.pow(terminals.length + 1, 0.8) });
  }
  acc.terminals = terminals;
  acc.terminalCum = cumulative(terminals.map(t => t.weight));
}

function makeCard(acc) {
  const rng = acc.rng, m = acc.market;
  if (acc.def.style !== 'stripe') {
    const type = rng.chance(m.debitShare) ? 'debit' : 'credit';
    const bin = rng.pick(CN_BINS[type]);
    const len = type === 'debit' && rng.chance(0.25) ? 19 : 16;
    return { num: bin + '*'.repeat(len - 10) + rng.digits(4), type };
  }
  const brand = m.brands[rng.weighted(acc.brandCum)][0];
  const type = brand === 'amex' ? 'credit' : rng.chance(m.debitShare / 0.9) ? 'debit' : 'credit';
  return {
    num: rng.alnum(16), // the card fingerprint is the card's identity
    type, brand, last4: rng.digits(4), country: m.countries[rng.weighted(acc.countryCum)][0],
  };
}

function makeCards(acc) {
  const m = acc.market;
  if (m.brands) { acc.brandCum = cumulative(m.brands.map(b => b[1])); acc.countryCum = cumulative(m.countries.map(c => c[1])); }
  const n = Math.max(300, Math.round(acc.salesPerDay * 25));
  acc.cards = Array.from({ length: n }, () => makeCard(acc));
  acc.regulars = Math.max(10, Math.round(n * 0.05));
}

const pickTerminal = acc => acc.terminals[acc.rng.weighted(acc.terminalCum)];
const pickCard = acc => (acc.rng.chance(0.25) ? acc.cards[Math.floor(acc.rng.next() * acc.regulars)] : acc.rng.pick(acc.cards));

function sampleTicket(rng, t) {
  let v = Math.exp(Math.log(t.median) + t.sigma * rng.normal());
  v = Math.min(t.max, Math.max(t.min, v));
  const u = rng.next();
  let acc = 0;
  for (const [p, unit] of t.round) {
    acc += p;
    if (u < acc) return Math.max(unit, Math.round(v / unit) * unit);
  }
  return Math.round(v);
}

function sampleSecond(rng, h) {
  for (;;) {
    let s;
    if (rng.chance(h.uniform)) s = rng.uniform(h.open, h.close);
    else {
      let u = rng.next() * (1 - h.uniform), k = 0;
      while (k < h.peaks.length - 1 && u > h.peaks[k][2]) { u -= h.peaks[k][2]; k++; }
      const [mu, sd] = h.peaks[k];
      s = (mu + sd * rng.normal()) * 3600;
    }
    if (s >= h.open && s < h.close) return Math.floor(s);
  }
}

function dayFactor(market, day) {
  return market.weekday[weekday(day)] * (market.special[iso(day)] ?? 1);
}

// ─────────────────────────────────────────────────── acquirer accounts ─────
class Account {
  constructor(def, ctx) {
    this.def = def;
    this.id = def.id;
    this.ctx = ctx;
    this.rng = ctx.rng.fork('acquirer:' + def.id);
    this.market = MARKETS[ctx.scen.market];
    this.cal = ctx.calendar;
    this.cutoffSec = def.cutoff ? parseHHMM(def.cutoff) : null;
    this.feeRules = Object.fromEntries(def.fees.map(f => [f.cardType, { ...parseRate(f.rate), cap: f.capMinor ?? null }]));
    this.mismatchCum = cumulative(def.mismatch.map(m => m[1]));
    this.salesPerDay = ctx.opts.txPerDay * def.share;
    this.seq = 0;
    this.rrnOffset = this.rng.int(0, 99999999999);
    this.orderNo = this.rng.int(10000, 60000);
    this.recentKey = new Map();    // terminal|card|gross → last sale instant (repeat guard)
    this.past = [];                // sampled earlier sales, for refunds/chargebacks
    this.scheduledRefunds = new Map();
    this.openBatches = new Map();
    this.eCache = new Map();
    this.dupGroups = [];
    this.pruneTick = 0;
    this.rows = 0;
    makeTerminals(this);
    makeCards(this);
  }
  /** Expected credit date of a trade date. */
  E(tradeDay) {
    let e = this.eCache.get(tradeDay);
    if (e === undefined) { e = this.cal.addBiz(tradeDay, this.def.lag); this.eCache.set(tradeDay, e); }
    return e;
  }
  tradeDayOf(day, sec) { return this.cutoffSec !== null && sec >= this.cutoffSec ? day + 1 : day; }
  nextId() {
    this.seq++;
    if (this.def.style === 'stripe') return this.rng.id('txn_3', 23);
    return this.def.rrnPrefix + String((this.seq * 2654435761 + this.rrnOffset) % 1e11).padStart(11, '0');
  }
}

// ─────────────────────────────────────────── daily transaction simulation ──
function newRow(kind, day, sec, term, card, gross) {
  return {
    kind, day, sec, term, card, gross, fee: 0, net: 0, contractFee: 0, feeRate: null,
    id: null, ref: null, voided: false, refunded: false, disputed: false, dupGroup: null, decoy: false,
    auth: '', tradeDay: 0, E: 0, batch: null, chargeId: null, piId: null, sourceId: null, orderNo: 0, reason: '',
  };
}

function priceSale(acc, row, episode) {
  row.contractFee = feeFor(row.gross, acc.feeRules[row.card.type]);
  row.fee = row.contractFee;
  if (episode && episode.terminal === row.term) {
    const charged = feeFor(row.gross, episode.rule);
    if (charged !== row.contractFee) { row.fee = charged; row.feeRate = episode.rate; }
  }
  row.net = row.gross - row.fee;
}

function makeSale(acc, day, sec, episode) {
  const rng = acc.rng;
  const term = pickTerminal(acc);
  let card = pickCard(acc);
  let gross = sampleTicket(rng, acc.market.ticket);
  const abs = day * DAY_SEC + sec;
  let key = term.id + '|' + card.num + '|' + gross;
  for (let tries = 0; (acc.recentKey.get(key) ?? -Infinity) > abs - REPEAT_GAP_SEC; tries++) {
    if (tries < 6) card = pickCard(acc); else gross += 1;
    key = term.id + '|' + card.num + '|' + gross;
  }
  acc.recentKey.set(key, abs);
  const row = newRow('sale', day, sec, term, card, gross);
  row.auth = rng.digits(6);
  priceSale(acc, row, episode);
  return row;
}

function copySale(acc, o, sec) {
  const c = newRow('sale', o.day, sec, o.term, o.card, o.gross);
  c.auth = acc.rng.digits(6);
  c.contractFee = o.contractFee; c.fee = o.fee; c.net = o.net; c.feeRate = o.feeRate;
  const key = o.term.id + '|' + o.card.num + '|' + o.gross;
  acc.recentKey.set(key, Math.max(acc.recentKey.get(key) ?? -Infinity, o.day * DAY_SEC + sec));
  return c;
}

function startFeeEpisode(acc, day, forced) {
  const [rate] = acc.def.mismatch[acc.rng.weighted(acc.mismatchCum)];
  const ep = { terminal: pickTerminal(acc), rate, rule: { ...parseRate(rate), cap: null }, day, count: 0, forced };
  acc.ctx.feeEpisodes.push({ acc, ep });
  return ep;
}

function injectDuplicates(acc, day, rows, forced) {
  const p = acc.ctx.rates.duplicate;
  const base = rows.length;
  for (let i = 0; i < base; i++) {
    const o = rows[i];
    const force = forced;
    if (!force && !(p > 0 && acc.rng.chance(p))) continue;
    const gap = acc.rng.int(20, 300);
    if (o.sec + gap >= DAY_SEC - 1) continue;
    const members = [o, copySale(acc, o, o.sec + gap)];
    if (acc.rng.chance(ACTIVITY.tripleDuplicate)) {
      const gap2 = acc.rng.int(20, 300);
      if (members[1].sec + gap2 < DAY_SEC - 1) members.push(copySale(acc, o, members[1].sec + gap2));
    }
    const group = { members, refunded: false, forced: force, scheduledRefund: false };
    for (const m of members) m.dupGroup = group;
    rows.push(...members.slice(1));
    if (members.length === 2 && acc.rng.chance(ACTIVITY.refundedDuplicate)) {
      const when = day + acc.rng.int(1, 3);
      if (!acc.scheduledRefunds.has(when)) acc.scheduledRefunds.set(when, []);
      acc.scheduledRefunds.get(when).push(members[1]);
      group.scheduledRefund = true;
    }
    acc.dupGroups.push(group);
    forced = false;
  }
}

function injectRepeatDecoys(acc, day, rows) {
  const base = rows.length;
  for (let i = 0; i < base; i++) {
    const o = rows[i];
    if (o.kind !== 'sale' || o.dupGroup || !acc.rng.chance(ACTIVITY.repeatDecoy)) continue;
    const sec = o.sec + acc.rng.int(31 * 60, 4 * 3600);
    if (sec >= DAY_SEC - 1) continue;
    const clash = rows.some(r => r !== o && r.kind === 'sale' && r.term === o.term && r.card === o.card &&
      r.gross === o.gross && Math.abs(r.sec - sec) <= REPEAT_GAP_SEC);
    if (clash) continue;
    const c = copySale(acc, o, sec);
    c.decoy = true;
    o.decoy = true;
    rows.push(c);
    acc.ctx.repeatDecoys.push([o, c]);
  }
}

function injectVoids(acc, rows) {
  const last = acc.cutoffSec ?? DAY_SEC;
  for (const o of rows) {
    if (o.kind !== 'sale' || o.dupGroup || o.decoy || o.feeRate || o.sec > last - 300) continue;
    if (!acc.rng.chance(ACTIVITY.void)) continue;
    const v = newRow('void', o.day, o.sec + acc.rng.int(30, Math.min(3600, last - 1 - o.sec)), o.term, o.card, o.gross);
    v.fee = -o.fee; v.net = -o.net; v.ref = o; v.auth = o.auth;
    v.voided = true; o.voided = true;
    rows.push(v);
  }
}

function pickPast(acc, fromDay, toDay, ok) {
  for (let tries = 0; tries < 12 && acc.past.length; tries++) {
    const r = acc.rng.pick(acc.past);
    if (r.day >= fromDay && r.day <= toDay && ok(r)) return r;
  }
  return null;
}

function addRefunds(acc, day, rows, salesToday) {
  const targets = acc.scheduledRefunds.get(day) ?? [];
  acc.scheduledRefunds.delete(day);
  const k = acc.rng.poisson(salesToday * ACTIVITY.refund);
  for (let i = 0; i < k; i++) {
    const r = pickPast(acc, day - 30, day - 1, x => !x.refunded && !x.voided && !x.disputed && !x.dupGroup && !x.decoy);
    if (r) { r.refunded = true; targets.push(r); }
  }
  for (const o of targets) {
    const full = o.dupGroup || acc.rng.chance(0.8);
    const amount = full ? o.gross : Math.max(100, Math.round((o.gross * acc.rng.uniform(0.2, 0.9)) / 10) * 10);
    const row = newRow('refund', day, sampleSecond(acc.rng, acc.market.hours), o.term, o.card, Math.min(amount, o.gross));
    row.net = -row.gross;
    row.ref = o;
    o.refunded = true;
    rows.push(row);
  }
}

function addChargebacks(acc, day, rows, salesToday) {
  const k = acc.rng.poisson(salesToday * ACTIVITY.chargeback);
  for (let i = 0; i < k; i++) {
    const o = pickPast(acc, day - 60, day - 7, x => !x.refunded && !x.voided && !x.disputed && !x.dupGroup);
    if (!o) continue;
    o.disputed = true;
    const row = newRow('chargeback', day, acc.rng.int(2 * 3600, 5 * 3600), o.term, o.card, o.gross);
    row.fee = acc.def.disputeFee;
    row.net = -(o.gross + row.fee);
    row.ref = o;
    row.reason = acc.rng.pick(['fraudulent', 'fraudulent', 'product_not_received', 'general', 'duplicate', 'credit_not_processed']);
    rows.push(row);
  }
}

/** One calendar day of one account: returns the rows, time-ordered, with ids. */
function simulateDay(acc, day) {
  const rng = acc.rng, ctx = acc.ctx;
  const lambda = acc.salesPerDay * dayFactor(acc.market, day);
  const n = Math.max(0, Math.round(lambda + Math.sqrt(lambda) * rng.normal()));
  const secs = new Float64Array(n);
  for (let i = 0; i < n; i++) secs[i] = sampleSecond(rng, acc.market.hours);
  secs.sort();

  const plan = ctx.forcedPlan;
  const forceFee = plan.fee && plan.fee.acq === acc.id && plan.fee.day === day;
  const episode = forceFee || (ctx.rates.feeEpisode > 0 && rng.chance(ctx.rates.feeEpisode)) ? startFeeEpisode(acc, day, forceFee) : null;

  pruneRecent(acc, day * DAY_SEC - REPEAT_GAP_SEC);
  const rows = [];
  for (let i = 0; i < n; i++) rows.push(makeSale(acc, day, secs[i], episode));
  injectDuplicates(acc, day, rows, plan.duplicate && plan.duplicate.acq === acc.id && plan.duplicate.day === day);
  injectRepeatDecoys(acc, day, rows);
  if (acc.def.voids) injectVoids(acc, rows);
  addRefunds(acc, day, rows, n);
  if (acc.def.chargebacks) addChargebacks(acc, day, rows, n);
  if (episode) episode.count = rows.filter(r => r.kind === 'sale' && r.feeRate).length;
  return rows;
}

function pruneRecent(acc, before) {
  if (acc.recentKey.size < 4096 && acc.pruneTick++ % 8 !== 0) return;
  for (const [k, t] of acc.recentKey) if (t < before) acc.recentKey.delete(k);
}

/** Keep a thinned sample of recent sales to draw refunds/chargebacks from. */
function rememberSales(acc, day, rows) {
  const keep = Math.min(1, 4000 / Math.max(1, acc.salesPerDay * 60));
  for (const r of rows) if (r.kind === 'sale' && !r.voided && (keep >= 1 || acc.rng.chance(keep))) acc.past.push(r);
  let drop = 0;
  while (drop < acc.past.length && acc.past[drop].day < day - 60) drop++;
  if (drop > 0) acc.past.splice(0, drop);
}

// ─────────────────────────────────────────────── stripe identifiers ─────────
function stripeIds(acc, r) {
  const rng = acc.rng;
  if (r.kind === 'sale') {
    r.chargeId = rng.id('ch_3', 23);
    r.piId = rng.id('pi_3', 23);
    r.sourceId = r.chargeId;
    r.orderNo = acc.orderNo++;
  } else {
    r.chargeId = r.ref.chargeId; r.piId = r.ref.piId; r.orderNo = r.ref.orderNo;
    r.sourceId = rng.id(r.kind === 'refund' ? 're_3' : 'dp_1', 23);
  }
}

// ──────────────────────────────────────────────── batches and settlement ───
// A batch is one account × trade date (CN) or one payout (Stripe).  A credit
// group is what one bank credit pays: merged batches sharing E (lakala) or a
// single batch.  Groups close once no later trade date can still feed them.
function batchFor(acc, r) {
  const key = acc.def.style === 'stripe' ? r.E : r.tradeDay;
  let b = acc.openBatches.get(key);
  if (!b) {
    b = { acc, key, E: r.E, tradeDays: new Set(), live: [], voided: [], net: 0, payoutId: null, payoutPrinted: false };
    if (acc.def.style === 'stripe') {
      b.payoutId = acc.rng.id('po_1', 23);
      b.payoutPrinted = acc.cal.addBiz(b.E, -1) <= acc.ctx.lastTradeDay;
    }
    acc.openBatches.set(key, b);
  }
  return b;
}

/** Refunds and chargebacks are dropped when they would leave a batch ≤ 0. */
function guardBatchNet(acc, rows) {
  const pending = new Map();
  for (const r of rows) if (r.kind === 'sale' && !r.voided) pending.set(r.batch, (pending.get(r.batch) ?? r.batch.net) + r.net);
  return rows.filter(r => {
    if (r.kind !== 'refund' && r.kind !== 'chargeback') return true;
    const avail = pending.get(r.batch) ?? r.batch.net;
    if (avail + r.net < 1000) {
      if (r.kind === 'refund') r.ref.refunded = false; else r.ref.disputed = false;
      if (r.ref.dupGroup) r.ref.dupGroup.scheduledRefund = false;
      return false;
    }
    pending.set(r.batch, avail + r.net);
    if (r.kind === 'refund' && r.ref.dupGroup) r.ref.dupGroup.refunded = true;
    return true;
  });
}

function processDay(acc, day) {
  let rows = simulateDay(acc, day);
  for (const r of rows) {
    r.tradeDay = acc.tradeDayOf(r.day, r.sec);
    r.E = acc.E(r.tradeDay);
    r.batch = batchFor(acc, r);
  }
  rows = guardBatchNet(acc, rows);
  rows.sort((a, b) => a.sec - b.sec);
  const stripe = acc.def.style === 'stripe';
  for (const r of rows) {
    r.id = acc.nextId();
    if (stripe) stripeIds(acc, r);
    const b = r.batch;
    b.tradeDays.add(r.tradeDay);
    if (r.voided) b.voided.push(r.id);
    else { b.live.push(r.id); b.net += r.net; }
    if (r.kind === 'sale' && r.feeRate) acc.ctx.feeAlerts.push({ id: r.id, acquirer: acc.id, amountMinor: r.fee - r.contractFee });
    acc.ctx.dupDetector.observe(acc, r);
    if (r.kind === 'refund' || r.kind === 'void') acc.ctx.dupDetector.cancel(r.ref);
    acc.writer.row(r);
    acc.rows++;
    acc.ctx.stats.rows++;
    acc.ctx.stats[r.kind] = (acc.ctx.stats[r.kind] ?? 0) + 1;
  }
  rememberSales(acc, day, rows);
  closeReadyGroups(acc, day);
}

function closeReadyGroups(acc, day, final = false) {
  const nextE = acc.E(day + 1);
  const byE = acc.def.merge || acc.def.style === 'stripe';
  const ready = [];
  for (const b of acc.openBatches.values()) {
    if (final || (byE ? b.E < nextE : b.key <= day)) ready.push(b);
  }
  if (!ready.length) return;
  ready.sort((a, b) => a.E - b.E || a.key - b.key);
  for (const b of ready) acc.openBatches.delete(b.key);
  if (acc.def.merge) {
    let group = [];
    for (const b of ready) {
      if (group.length && group[0].E !== b.E) { settleGroup(acc, group); group = []; }
      group.push(b);
    }
    if (group.length) settleGroup(acc, group);
  } else for (const b of ready) settleGroup(acc, [b]);
}

/** Decide what the bank does with one expected credit. */
function decideFate(acc, E, expected) {
  const ctx = acc.ctx, rng = ctx.faultRng, rates = ctx.rates, cal = acc.cal, A = ctx.asOfDay;
  const fate = { kind: 'ok', bookDay: E, amount: expected, shortfall: 0, delay: 0, forced: false, reason: '' };
  const plan = ctx.forcedPlan;
  let kind = null;
  for (const k of ['overdue', 'missing', 'late', 'short']) {
    const p = plan[k];
    if (p && !p.used && p.acq === acc.id && p.E === E) { p.used = true; kind = k; fate.forced = true; break; }
  }
  if (!kind && E <= A) {
    const u = rng.next();
    if (u < rates.late) kind = 'late';
    else if (u < rates.late + rates.missing) kind = 'missing';
    else if (u < rates.late + rates.missing + rates.short) kind = 'short';
  }
  if (kind === 'overdue') { fate.kind = 'late'; fate.delay = rng.int(2, 5); }
  else if (kind === 'late') {
    fate.kind = 'late';
    fate.delay = rng.int(1, 5);
    if (fate.forced) while (fate.delay > 1 && cal.addBiz(E, fate.delay) >= A) fate.delay--;
  } else if (kind === 'missing') { fate.kind = 'missing'; fate.bookDay = null; fate.amount = 0; }
  else if (kind === 'short') {
    let s;
    if (rng.chance(0.6)) { s = Math.max(100, Math.round(expected * rng.uniform(0.01, 0.05))); fate.reason = 'percent'; }
    else { s = rng.pick(acc.def.withholding); fate.reason = 'withholding'; }
    if (s < expected) { fate.kind = 'short'; fate.shortfall = s; fate.amount = expected - s; }
  }
  if (fate.kind === 'late') fate.bookDay = cal.addBiz(E, fate.delay);
  return fate;
}

function settleGroup(acc, batches) {
  const ctx = acc.ctx, cal = acc.cal, A = ctx.asOfDay;
  const E = batches[0].E;
  const expected = batches.reduce((s, b) => s + b.net, 0);
  const liveCount = batches.reduce((s, b) => s + b.live.length, 0);
  let fate = { kind: 'none', bookDay: null };
  let line = null;
  if (liveCount > 0 && expected > 0) {
    fate = decideFate(acc, E, expected);
    if (fate.bookDay !== null && fate.bookDay <= A) line = ctx.bank.acquirerCredit(acc, fate.bookDay, fate.amount, batches);
  }
  ctx.groups.push({ acc, E, expected, line, fate, tradeDays: batches.flatMap(b => [...b.tradeDays]) });

  let status;
  if (line) status = fate.bookDay <= cal.addBiz(E, ctx.cfg.lateToleranceBusinessDays) ? 'settled' : 'settled_late';
  else if (A <= E) status = 'pending';
  else status = A <= cal.addBiz(E, ctx.cfg.graceBusinessDays) ? 'overdue' : 'missing';

  const lineIds = line ? [line.id] : [];
  for (const b of batches) {
    for (const id of b.voided) ctx.truth.tx(id, acc.id, 'voided', iso(b.E), []);
    for (const id of b.live) ctx.truth.tx(id, acc.id, status, iso(b.E), lineIds);
    ctx.stats.status[status] = (ctx.stats.status[status] ?? 0) + b.live.length;
    ctx.stats.status.voided = (ctx.stats.status.voided ?? 0) + b.voided.length;
    if (!b.live.length) continue;
    if (status === 'overdue' || status === 'missing') {
      ctx.alert({ kind: 'missing_credit', severity: status === 'missing' ? 'critical' : 'warning', acquirer: acc.id, transactionIds: b.live, bankLineIds: [], amountMinor: b.net, expectedOn: iso(b.E) });
    } else if (status === 'settled_late') {
      ctx.alert({ kind: 'late_credit', severity: 'info', acquirer: acc.id, transactionIds: b.live, bankLineIds: lineIds, amountMinor: b.net, expectedOn: iso(b.E) });
    }
  }
  if (line && fate.kind === 'short') {
    ctx.alert({ kind: 'short_credit', severity: 'critical', acquirer: acc.id, transactionIds: batches.flatMap(b => b.live), bankLineIds: lineIds, amountMinor: fate.shortfall, expectedOn: iso(E) });
  }
  recordFate(acc, batches, fate, line, expected, status);
  for (const b of batches) { b.live = null; b.voided = null; } // alerts keep the arrays they need
}

function recordFate(acc, batches, fate, line, expected, status) {
  if (!['late', 'missing', 'short'].includes(fate.kind)) return;
  const f = {
    kind: fate.kind, acquirer: acc.id, expectedOn: iso(batches[0].E),
    tradeDates: [...new Set(batches.flatMap(b => [...b.tradeDays]))].sort((a, b) => a - b).map(iso),
    expectedMinor: expected, transactionCount: batches.reduce((s, b) => s + b.live.length, 0), truthStatus: status,
  };
  if (batches[0].payoutId) f.payoutIds = batches.map(b => b.payoutId);
  if (fate.kind === 'late') Object.assign(f, { delayBusinessDays: fate.delay, bookedOn: iso(fate.bookDay), bankLineId: line ? line.id : null, afterAsOf: !line });
  if (fate.kind === 'short') Object.assign(f, { bankLineId: line ? line.id : null, creditedMinor: fate.amount, shortfallMinor: fate.shortfall, reason: fate.reason });
  if (fate.forced) f.forced = true;
  acc.ctx.faults.push(f);
}

// ─────────────────────────────────────────────────── duplicate detector ────
// The truth for duplicate_charge is computed by the contract's rule over the
// simulated sales (not from the injection log): same terminal, card and gross
// within duplicateWindowMinutes of the previous member, then groups with any
// voided or refunded member are dropped.
class DupDetector {
  constructor(windowSec) { this.window = windowSec; this.last = new Map(); this.groups = []; this.memberGroup = new Map(); this.tick = 0; }
  observe(acc, r) {
    if (r.kind !== 'sale') return;
    const abs = r.day * DAY_SEC + r.sec;
    const key = acc.id + '|' + r.term.id + '|' + r.card.num + '|' + r.gross;
    const prev = this.last.get(key);
    if (prev && abs - prev.abs <= this.window) {
      let g = prev.group;
      if (!g) { g = { acq: acc.id, members: [prev.row], cancelled: false, gross: r.gross }; this.groups.push(g); this.memberGroup.set(prev.row, g); }
      g.members.push(r);
      this.memberGroup.set(r, g);
      this.last.set(key, { abs, row: r, group: g });
    } else this.last.set(key, { abs, row: r, group: null });
    if (++this.tick % 50000 === 0) for (const [k, v] of this.last) if (v.abs < abs - 2 * this.window) this.last.delete(k);
  }
  cancel(row) { const g = this.memberGroup.get(row); if (g) g.cancelled = true; }
}

// ─────────────────────────────────────────────────────── the bank side ─────
class Bank {
  constructor(scen, ctx) {
    this.def = scen.bank;
    this.ctx = ctx;
    this.rng = ctx.rng.fork('bank');
    this.lines = [];
    this.ids = new Set();
  }
  /** A unique bank line id in the bank's own style. */
  newLine(line) {
    const rng = this.rng, fmt = this.def.format;
    let id;
    do {
      if (fmt === 'cn-bank-csv') id = compact(line.day) + hmsCompact(line.sec) + rng.digits(6);
      else if (fmt === 'ofx') id = compact(line.day).slice(2) + rng.digits(10);
      else id = compact(line.day) + rng.alnum(8, '0123456789ABCDEFGHJKLMNPQRSTUVWXYZ');
    } while (this.ids.has(id));
    this.ids.add(id);
    if (fmt === 'camt053') {
      let ref;
      do ref = compact(line.day) + '-' + rng.digits(5); while (this.ids.has(ref));
      this.ids.add(ref);
      line.ntryRef = ref;
      line.svcrRef = rng.chance(ACTIVITY.camtNoSvcrRef) ? null : id;
      line.id = line.svcrRef ?? ref;
      line.e2e = line.e2e ?? rng.alnum(16, '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ');
    } else line.id = id;
    line.seq = this.lines.length;
    this.lines.push(line);
    return line;
  }
  hoursSec(h) { return Math.floor(this.rng.uniform(h[0], h[1]) * 3600); }
  /** The credit of one settlement group, as the bank books it. */
  acquirerCredit(acc, day, amount, batches) {
    const rng = this.rng, d = acc.def, fmt = this.def.format;
    const line = { day, sec: this.hoursSec(d.creditHours), amount, kind: 'acquirer_credit', acquirer: acc.id, cp: d.legalName, memo: '', summary: '' };
    if (fmt === 'cn-bank-csv') {
      line.summary = d.summary;
      line.memo = d.memo();
      line.cpAccount = d.id === 'lakala' ? '110060974018010038925' : '31001543400050013574';
      if (rng.chance(ACTIVITY.blankCounterparty) && d.id === 'chinaums') { line.cp = ''; line.cpAccount = ''; line.memo = `${d.legalName} 清算资金`; line.blank = true; }
    } else if (fmt === 'ofx') {
      line.cp = d.bankName;
      line.memo = `ST-${rng.alnum(12, '0123456789ABCDEFGHJKLMNPQRSTUVWXYZ')} TRACE ${'0910000' + rng.digits(8)}`;
      line.type = 'CREDIT';
    } else {
      line.code = 'RCDT';
      line.cpIban = ibanCheck('IE', 'SRPE' + '990345' + '12345678');
      line.memo = `STRIPE ST-${rng.alnum(12, '0123456789ABCDEFGHJKLMNPQRSTUVWXYZ')}`;
      if (rng.chance(ACTIVITY.blankCounterparty)) { line.cp = ''; line.memo = `${d.legalName} payout ${line.memo}`; line.blank = true; }
    }
    if (line.blank) this.ctx.faults.push({ kind: 'decoy_blank_counterparty', acquirer: acc.id, bankLineId: null, line });
    return this.newLine(line);
  }
}

/** Non-acquirer credits with exactly a batch's amount on its day. */
function addSameAmountDecoys(ctx) {
  const bank = ctx.bank, rng = ctx.faultRng, A = ctx.asOfDay;
  for (const g of ctx.groups) {
    if (g.E > A || g.expected <= 0 || !rng.chance(ctx.rates.decoyCredit)) continue;
    // On the credit's own day when it came on time, else on E where a matcher looks for it.
    const day = g.line && g.fate.kind !== 'late' ? g.line.day : g.E;
    const amount = g.line ? g.line.amount : g.expected;
    const [cp, a, b] = rng.pick(bank.def.decoyChannels);
    const line = bank.newLine(decoyLine(ctx, day, amount, cp, a, b));
    ctx.faults.push({ kind: 'decoy_same_amount_credit', bankLineId: line.id, counterparty: cp || null, day: iso(day), amountMinor: amount, mirrors: g.line ? g.line.id : `expected ${g.acc.id} ${iso(g.E)}` });
  }
}

function decoyLine(ctx, day, amount, cp, a, b) {
  const fmt = ctx.bank.def.format, rng = ctx.bank.rng;
  const line = { day, sec: Math.floor(rng.uniform(6, 18) * 3600), amount, kind: 'decoy', cp, memo: '', summary: '' };
  if (fmt === 'cn-bank-csv') { line.summary = a; line.memo = b; line.cpAccount = accountFor(cp); }
  else if (fmt === 'ofx') { line.memo = a; line.type = 'CREDIT'; }
  else { line.memo = a; line.code = 'RCDT'; line.cpIban = ibanFor(cp); }
  return line;
}

function accountFor(name) {
  if (!name) return '';
  const r = new Rng('acct:' + name);
  return r.digits(4) === '0000' ? '6222' + r.digits(15) : String(1 + r.int(1, 8)) + r.digits(18);
}
function ibanFor(name) {
  const r = new Rng('iban:' + name);
  return ibanCheck('DE', String(r.int(10000000, 89999999)) + r.digits(10));
}

/** Acquirer credits that no transaction explains. */
function addUnknownCredits(ctx) {
  if (!ctx.rates.previousPeriod && !ctx.rates.unknownPerMonth) return;
  const A = ctx.asOfDay, S = ctx.startDay, rng = ctx.faultRng;
  const known = new Set(ctx.groups.map(g => g.expected));
  const typical = acc => {
    const gs = ctx.groups.filter(g => g.acc === acc && g.expected > 0);
    return gs.length ? gs.reduce((s, g) => s + g.expected, 0) / gs.length : acc.salesPerDay * acc.market.ticket.median;
  };
  const unique = amount => { while (known.has(amount)) amount += 1; known.add(amount); return amount; };
  for (const acc of ctx.accounts) {
    const avg = typical(acc);
    const add = (day, amount, reason) => {
      const line = ctx.bank.acquirerCredit(acc, day, unique(amount), []);
      line.kind = 'unknown_credit';
      if (reason === 'adjustment' && ctx.bank.def.format === 'cn-bank-csv') line.memo = rng.pick(['差错调整', '营销补贴返还', '调账']);
      ctx.alert({ kind: 'unknown_credit', severity: 'warning', acquirer: acc.id, transactionIds: [], bankLineIds: [line.id], amountMinor: line.amount });
      ctx.faults.push({ kind: 'unknown_credit', acquirer: acc.id, bankLineId: line.id, day: iso(day), amountMinor: line.amount, reason });
    };
    if (ctx.rates.previousPeriod) { // the credit for trades made just before the export starts
      const dues = new Map();
      for (let t = S - 10; t < S; t++) {
        const e = acc.E(t);
        if (e < S || e > A) continue;
        const key = acc.def.merge || acc.def.style === 'stripe' ? e : t;
        dues.set(key, { e, n: (dues.get(key)?.n ?? 0) + 1 });
      }
      for (const { e } of dues.values()) add(e, Math.round(avg * rng.uniform(0.7, 1.3)), 'previous_period');
    }
    const months = Math.max(1, (A - S + 1) / 30);
    const k = Math.max(ctx.rates.forced ? 1 : 0, rng.poisson(months * ctx.rates.unknownPerMonth / ctx.accounts.length));
    for (let i = 0; i < k; i++) {
      const day = acc.cal.onOrBefore(Math.min(A, S + rng.int(3, Math.max(3, A - S))));
      if (day < S) continue;
      add(day, Math.round(avg * rng.uniform(0.02, 1.2)), 'adjustment');
    }
  }
}

/** Acquirer debits: belong to the acquirer but are not credits. */
function addAcquirerDebits(ctx) {
  const A = ctx.asOfDay, S = ctx.startDay, rng = ctx.bank.rng, fmt = ctx.bank.def.format;
  const months = Math.max(1, Math.round((A - S + 1) / 30));
  for (const acc of ctx.accounts) {
    for (let i = 0; i < months; i++) {
      if (!rng.chance(ACTIVITY.acquirerDebitPerMonth)) continue;
      const day = acc.cal.onOrBefore(Math.min(A, S + rng.int(0, A - S)));
      if (day < S) continue;
      const line = { day, sec: Math.floor(rng.uniform(1, 6) * 3600), amount: -rng.pick(fmt === 'cn-bank-csv' ? [9900, 19900, 36500] : [1500, 2900, 4900]), kind: 'acquirer_debit', cp: acc.def.legalName, memo: '', summary: '' };
      if (fmt === 'cn-bank-csv') { line.summary = '扣款'; line.memo = rng.pick(['终端服务费', '流量卡年费', '设备押金']); line.cpAccount = '110060974018010038925'; }
      else if (fmt === 'ofx') { line.cp = 'STRIPE'; line.memo = 'BILLING ACCT DEBIT'; line.type = 'DEBIT'; }
      else { line.memo = 'Stripe Billing Rechnung'; line.code = 'IDDT'; line.cpIban = ibanFor(acc.def.legalName); }
      const l = ctx.bank.newLine(line);
      ctx.faults.push({ kind: 'decoy_acquirer_debit', acquirer: acc.id, bankLineId: l.id, day: iso(day), amountMinor: l.amount });
    }
  }
}

function scheduleDays(spec, S, A, cal, rng) {
  const [kind, arg] = spec.split(':');
  const days = [];
  if (kind === 'monthly') {
    const dom = Number(arg);
    let y = yearOf(S), m = monthOf(S) - 1;
    for (;;) {
      const target = Date.UTC(y, m, Math.min(dom, 28)) / 86400000;
      if (target > A) break;
      const d = cal.onOrAfter(target);
      if (d >= S && d <= A) days.push(d);
      if (++m === 12) { m = 0; y++; }
    }
  } else if (kind === 'weekly' || kind === 'biweekly') {
    const step = kind === 'weekly' ? 7 : 14;
    let d = S; while (weekday(d) !== Number(arg)) d++;
    for (; d <= A; d += step) { const b = cal.onOrAfter(d); if (b <= A) days.push(b); }
  } else if (kind === 'bizday') {
    for (let d = S; d <= A; d++) if (cal.isBiz(d) && rng.chance(Number(arg))) days.push(d);
  }
  return days;
}

function addNoise(ctx) {
  const bank = ctx.bank, rng = bank.rng, S = ctx.startDay, A = ctx.asOfDay, fmt = bank.def.format;
  const credited = ctx.groups.filter(g => g.expected > 0).reduce((s, g) => s + g.expected, 0);
  const avgDaily = Math.max(10000, credited / Math.max(1, ctx.opts.days));
  for (const item of NOISE[ctx.opts.scenario]) {
    let fixedAmount = null;
    for (const day of scheduleDays(item.schedule, S, A, ctx.calendar, rng)) {
      if (item.prob !== undefined && !rng.chance(item.prob)) continue;
      const payees = item.each ? item.cp : [rng.pick(item.cp)];
      for (const cp of payees) {
        let amount;
        if (item.fixed) amount = rng.int(item.fixed[0], item.fixed[1]);
        else {
          amount = avgDaily * rng.uniform(item.scale[0], item.scale[1]) / (item.each ? item.cp.length : 1);
          amount = item.cents ? Math.round(amount) : Math.round(amount / 10000) * 10000;
          if (item.fixedPerRun) amount = fixedAmount ??= amount;
        }
        const line = { day, sec: Math.floor(rng.uniform(item.hours[0], item.hours[1]) * 3600), amount: item.dir * Math.max(100, amount), kind: 'noise', cp, memo: item.memo(day), summary: item.summary ?? '' };
        if (fmt === 'cn-bank-csv') line.cpAccount = accountFor(cp);
        if (fmt === 'ofx') line.type = item.type;
        if (fmt === 'camt053') { line.code = item.code; line.cpIban = cp ? ibanFor(cp) : null; }
        bank.newLine(line);
      }
    }
  }
  // The as-of date is the latest booking date: make sure something books on it.
  if (!bank.lines.some(l => l.day === A)) {
    const line = { day: A, sec: 16 * 3600, amount: -rng.int(5000, 50000), kind: 'noise', cp: fmt === 'ofx' ? 'SYSCO' : fmt === 'camt053' ? 'METRO Deutschland GmbH' : '上海粮油批发有限公司', memo: fmt === 'cn-bank-csv' ? '货款' : 'Rechnung', summary: '转账' };
    if (fmt === 'cn-bank-csv') line.cpAccount = accountFor(line.cp);
    if (fmt === 'ofx') { line.type = 'DEBIT'; line.memo = 'ACH DEBIT INVOICE'; }
    if (fmt === 'camt053') { line.code = 'ICDT'; line.cpIban = ibanFor(line.cp); }
    bank.newLine(line);
  }
}

function finalizeStatement(ctx) {
  const bank = ctx.bank;
  bank.lines.sort((a, b) => a.day - b.day || a.sec - b.sec || a.seq - b.seq);
  const credits = bank.lines.filter(l => l.amount > 0).reduce((s, l) => s + l.amount, 0);
  bank.opening = Math.round((credits / Math.max(1, ctx.opts.days)) * bank.rng.uniform(15, 30) / 100) * 100 + 100000;
  let bal = bank.opening;
  for (const l of bank.lines) { bal += l.amount; l.balance = bal; }
  bank.closing = bal;
  for (const f of ctx.faults) if (f.kind === 'decoy_blank_counterparty') { f.bankLineId = f.line.id; f.day = iso(f.line.day); f.amountMinor = f.line.amount; delete f.line; }
}

// ───────────────────────────────────────────────────── acquirer exports ────
const CN_HEADER = '交易日期,交易时间,商户编号,终端号,卡号,卡类型,交易类型,交易金额,手续费,结算金额,检索参考号,授权码,原交易参考号,清算日期,交易状态';
const CN_KIND = { sale: '消费', void: '消费撤销', refund: '退货' };

class CnAcquirerWriter {
  constructor(path, acc, ctx) {
    this.acc = acc; this.def = acc.def; this.ctx = ctx;
    this.sink = new Sink(path, 'gbk');
    this.n = 0; this.sumAmt = 0; this.sumFee = 0; this.sumNet = 0;
    this.guard = this.def.style === 'lakala' ? v => (v ? `="${v}"` : '') : v => (v ? `\t${v}` : '');
  }
  begin() {
    const d = this.def, ctx = this.ctx;
    if (d.style === 'lakala') {
      this.sink.write(`${d.name}商户交易明细\r\n`);
      this.sink.write(`商户编号:${d.merchantNo}  商户名称:${MERCHANT_CN}\r\n`);
      this.sink.write(`查询日期:${iso(ctx.startDay)}至${iso(ctx.lastTradeDay)}\r\n`);
    } else {
      this.sink.write(`${d.name}商户交易明细查询\r\n`);
      this.sink.write(`商户编号:${d.merchantNo},商户名称:${MERCHANT_CN},起止日期:${compact(ctx.startDay)}-${compact(ctx.lastTradeDay)}\r\n`);
    }
    this.sink.write(CN_HEADER + '\r\n');
  }
  row(r) {
    const lakala = this.def.style === 'lakala';
    const date = lakala ? iso(r.day) : compact(r.day);
    const status = r.kind === 'sale' && r.voided ? '已撤销' : '成功';
    this.sink.write(`${date},${hms(r.sec)},${this.def.merchantNo},${r.term.id},${this.guard(r.card.num)},` +
      `${r.card.type === 'debit' ? '借记卡' : '贷记卡'},${CN_KIND[r.kind]},${fmtMinor(r.gross)},${fmtMinor(r.fee)},${fmtMinor(r.net)},` +
      `${this.guard(r.id)},${r.auth},${r.ref ? this.guard(r.ref.id) : ''},${lakala ? iso(r.E) : ''},${status}\r\n`);
    this.n++; this.sumAmt += r.gross; this.sumFee += r.fee; this.sumNet += r.net;
  }
  end() {
    this.sink.write(`合计,共${this.n}笔,,,,,,${fmtMinor(this.sumAmt)},${fmtMinor(this.sumFee)},${fmtMinor(this.sumNet)},,,,,\r\n`);
    this.sink.close();
  }
}

// Modeled on Stripe's payout_reconciliation.itemized report.  The card and
// terminal identity live in PaymentIntent metadata the POS integration sets.
const STRIPE_COLUMNS = ['balance_transaction_id', 'created_utc', 'created', 'available_on_utc', 'currency', 'gross', 'fee', 'net',
  'reporting_category', 'source_id', 'description', 'automatic_payout_id', 'automatic_payout_effective_at', 'charge_id',
  'payment_intent_id', 'card_brand', 'card_funding', 'card_country', 'payment_method_type', 'dispute_reason',
  'payment_metadata[terminal_id]', 'payment_metadata[card_fingerprint]', 'payment_metadata[card_last4]'];
const STRIPE_CATEGORY = { sale: 'charge', refund: 'refund', chargeback: 'dispute' };

class StripeWriter {
  constructor(path, acc, ctx) { this.acc = acc; this.ctx = ctx; this.sink = new Sink(path, 'utf8'); this.tz = acc.def.timezone; this.ccy = ctx.scen.currency.toLowerCase(); }
  begin() { this.sink.write(STRIPE_COLUMNS.join(',') + '\n'); }
  utc(day, sec) {
    const t = day * DAY_SEC + sec - tzOffsetSec(this.tz, day);
    const d = Math.floor(t / DAY_SEC);
    return `${iso(d)} ${hms(t - d * DAY_SEC)}`;
  }
  row(r) {
    const sign = r.kind === 'sale' ? 1 : -1;
    const b = r.batch;
    const desc = r.kind === 'sale' ? `Order #${r.orderNo}` : r.kind === 'refund' ? `REFUND FOR CHARGE (Order #${r.orderNo})` : `Chargeback withdrawal for ${r.chargeId}`;
    const f = [
      r.id, this.utc(r.day, r.sec), `${iso(r.day)} ${hms(r.sec)}`, `${iso(r.E)} 00:00:00`, this.ccy,
      fmtMinor(sign * r.gross), fmtMinor(r.fee), fmtMinor(r.net), STRIPE_CATEGORY[r.kind], r.sourceId, csvField(desc),
      b.payoutPrinted ? b.payoutId : '', b.payoutPrinted ? `${iso(b.E)} 00:00:00` : '', r.chargeId, r.piId,
      r.card.brand, r.card.type, r.card.country, 'card_present', r.reason, r.term.id, r.card.num, r.card.last4,
    ];
    this.sink.write(f.join(',') + '\n');
  }
  end() { this.sink.close(); }
}

// ───────────────────────────────────────────────────── bank statements ─────
function writeCnBank(path, ctx) {
  const bank = ctx.bank, def = bank.def, sink = new Sink(path, 'gbk');
  const t = s => (s ? `\t${s}` : '');
  sink.write(`${def.name}单位客户账户交易明细\r\n账号:${def.account}\r\n户名:${def.holder}\r\n`);
  sink.write(`起止日期:${iso(ctx.startDay)}至${iso(ctx.asOfDay)},币种:人民币,期初余额:${fmtMinor(bank.opening)}\r\n`);
  sink.write('交易日期,交易时间,交易流水号,摘要,收入金额,支出金额,账户余额,对方户名,对方账号,附言\r\n');
  let nIn = 0, nOut = 0, sIn = 0, sOut = 0;
  for (const l of bank.lines) {
    const inc = l.amount > 0 ? `"${fmtThousands(l.amount)}"` : '';
    const out = l.amount < 0 ? `"${fmtThousands(-l.amount)}"` : '';
    if (l.amount > 0) { nIn++; sIn += l.amount; } else { nOut++; sOut -= l.amount; }
    sink.write(`${compact(l.day)},${hms(l.sec)},${t(l.id)},${l.summary},${inc},${out},"${fmtThousands(l.balance)}",${csvField(l.cp)},${t(l.cpAccount)},${csvField(l.memo)}\r\n`);
  }
  sink.write(`合计,,,收入${nIn}笔 支出${nOut}笔,"${fmtThousands(sIn)}","${fmtThousands(sOut)}","${fmtThousands(bank.closing)}",,,\r\n`);
  sink.close();
  return bank.lines.length;
}

function ofxDate(ctx, day, sec) {
  const off = tzOffsetSec(ctx.accounts[0].def.timezone, day) / 3600;
  return `${compact(day)}${hmsCompact(sec)}.000[${off}:${off === -4 ? 'EDT' : 'EST'}]`;
}

function writeOfx(path, ctx) {
  const bank = ctx.bank, def = bank.def, sink = new Sink(path, 'utf8'), S = ctx.startDay, A = ctx.asOfDay;
  const nl = '\r\n';
  sink.write(['OFXHEADER:100', 'DATA:OFXSGML', 'VERSION:102', 'SECURITY:NONE', 'ENCODING:USASCII', 'CHARSET:1252',
    'COMPRESSION:NONE', 'OLDFILEUID:NONE', 'NEWFILEUID:NONE', ''].join(nl) + nl);
  sink.write(['<OFX>', '<SIGNONMSGSRSV1>', '<SONRS>', '<STATUS>', '<CODE>0', '<SEVERITY>INFO', '</STATUS>',
    `<DTSERVER>${ofxDate(ctx, A + 1, 6 * 3600)}`, '<LANGUAGE>ENG', '<FI>', '<ORG>WF', '<FID>3000', '</FI>', '</SONRS>', '</SIGNONMSGSRSV1>',
    '<BANKMSGSRSV1>', '<STMTTRNRS>', '<TRNUID>0', '<STATUS>', '<CODE>0', '<SEVERITY>INFO', '</STATUS>', '<STMTRS>', '<CURDEF>USD',
    '<BANKACCTFROM>', `<BANKID>${def.bankId}`, `<ACCTID>${def.account}`, '<ACCTTYPE>CHECKING', '</BANKACCTFROM>',
    '<BANKTRANLIST>', `<DTSTART>${ofxDate(ctx, S, 0)}`, `<DTEND>${ofxDate(ctx, A, 86399)}`].join(nl) + nl);
  const sgml = s => xml(s).slice(0, 255);
  for (const l of bank.lines) {
    sink.write(['<STMTTRN>', `<TRNTYPE>${l.type}`, `<DTPOSTED>${ofxDate(ctx, l.day, l.sec)}`, `<TRNAMT>${fmtMinor(l.amount)}`,
      `<FITID>${l.id}`, `<NAME>${sgml(l.cp).slice(0, 32)}`, `<MEMO>${sgml(l.memo)}`, '</STMTTRN>'].join(nl) + nl);
  }
  sink.write(['</BANKTRANLIST>', '<LEDGERBAL>', `<BALAMT>${fmtMinor(bank.closing)}`, `<DTASOF>${ofxDate(ctx, A, 86399)}`, '</LEDGERBAL>',
    '<AVAILBAL>', `<BALAMT>${fmtMinor(bank.closing)}`, `<DTASOF>${ofxDate(ctx, A, 86399)}`, '</AVAILBAL>',
    '</STMTRS>', '</STMTTRNRS>', '</BANKMSGSRSV1>', '</OFX>', ''].join(nl));
  sink.close();
  return bank.lines.length;
}

const CAMT_CODES = { RCDT: ['PMNT', 'RCDT', 'ESCT'], ICDT: ['PMNT', 'ICDT', 'ESCT'], IDDT: ['PMNT', 'IDDT', 'ESDD'], CHRG: ['ACMT', 'MDOP', 'CHRG'] };

function camtEntry(l, ccy) {
  const cd = l.amount >= 0 ? 'CRDT' : 'DBIT';
  const amt = fmtMinor(Math.abs(l.amount));
  const [domn, fmly, sub] = CAMT_CODES[l.code];
  const o = [];
  o.push('      <Ntry>', `        <NtryRef>${l.ntryRef}</NtryRef>`, `        <Amt Ccy="${ccy}">${amt}</Amt>`, `        <CdtDbtInd>${cd}</CdtDbtInd>`,
    '        <Sts>BOOK</Sts>', `        <BookgDt><Dt>${iso(l.day)}</Dt></BookgDt>`, `        <ValDt><Dt>${iso(l.day)}</Dt></ValDt>`);
  if (l.svcrRef) o.push(`        <AcctSvcrRef>${l.svcrRef}</AcctSvcrRef>`);
  o.push(`        <BkTxCd><Domn><Cd>${domn}</Cd><Fmly><Cd>${fmly}</Cd><SubFmlyCd>${sub}</SubFmlyCd></Fmly></Domn></BkTxCd>`);
  if (l.code !== 'CHRG') {
    o.push('        <NtryDtls>', '          <TxDtls>', `            <Refs><EndToEndId>${l.e2e}</EndToEndId></Refs>`,
      `            <AmtDtls><TxAmt><Amt Ccy="${ccy}">${amt}</Amt></TxAmt></AmtDtls>`);
    if (l.cp) {
      const party = cd === 'CRDT' ? 'Dbtr' : 'Cdtr';
      o.push('            <RltdPties>', `              <${party}><Nm>${xml(l.cp)}</Nm></${party}>`);
      if (l.cpIban) o.push(`              <${party}Acct><Id><IBAN>${l.cpIban}</IBAN></Id></${party}Acct>`);
      o.push('            </RltdPties>');
    }
    o.push(`            <RmtInf><Ustrd>${xml(l.memo)}</Ustrd></RmtInf>`, '          </TxDtls>', '        </NtryDtls>');
    o.push(`        <AddtlNtryInf>${cd === 'CRDT' ? 'SEPA-Gutschrift' : l.code === 'IDDT' ? 'SEPA-Lastschrift' : 'SEPA-Überweisung'}</AddtlNtryInf>`);
  } else o.push(`        <AddtlNtryInf>${xml(l.memo)}</AddtlNtryInf>`);
  o.push('      </Ntry>');
  return o.join('\n') + '\n';
}

function writeCamt(path, ctx) {
  const bank = ctx.bank, def = bank.def, ccy = ctx.scen.currency, sink = new Sink(path, 'utf8');
  const iban = ibanCheck('DE', def.blz + def.account);
  const created = `${iso(ctx.asOfDay + 1)}T05:30:00`;
  sink.write('<?xml version="1.0" encoding="UTF-8"?>\n<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n');
  sink.write(`  <BkToCstmrStmt>\n    <GrpHdr>\n      <MsgId>${compact(ctx.asOfDay)}${def.blz}STMT</MsgId>\n      <CreDtTm>${created}</CreDtTm>\n    </GrpHdr>\n`);
  // One statement per calendar month, each with its own opening/closing balance.
  const months = new Map();
  for (const l of bank.lines) { const k = iso(l.day).slice(0, 7); if (!months.has(k)) months.set(k, []); months.get(k).push(l); }
  let bal = bank.opening, seq = 0;
  for (const [month, lines] of months) {
    seq++;
    const from = Math.max(ctx.startDay, dayOf(month + '-01'));
    const nextMonth = new Date(Date.UTC(+month.slice(0, 4), +month.slice(5, 7), 1)).getTime() / 86400000;
    const to = Math.min(ctx.asOfDay, nextMonth - 1);
    const open = bal;
    const cr = lines.filter(l => l.amount > 0), dr = lines.filter(l => l.amount < 0);
    const sumCr = cr.reduce((s, l) => s + l.amount, 0), sumDr = -dr.reduce((s, l) => s + l.amount, 0);
    bal = open + sumCr - sumDr;
    const balance = (code, amount, day) => `      <Bal>\n        <Tp><CdOrPrtry><Cd>${code}</Cd></CdOrPrtry></Tp>\n        <Amt Ccy="${ccy}">${fmtMinor(Math.abs(amount))}</Amt>\n        <CdtDbtInd>${amount >= 0 ? 'CRDT' : 'DBIT'}</CdtDbtInd>\n        <Dt><Dt>${iso(day)}</Dt></Dt>\n      </Bal>\n`;
    sink.write(`    <Stmt>\n      <Id>${compact(to)}-${pad2(seq)}</Id>\n      <ElctrncSeqNb>${seq}</ElctrncSeqNb>\n      <CreDtTm>${iso(to + 1)}T05:30:00</CreDtTm>\n`);
    sink.write(`      <FrToDt><FrDtTm>${iso(from)}T00:00:00</FrDtTm><ToDtTm>${iso(to)}T23:59:59</ToDtTm></FrToDt>\n`);
    sink.write(`      <Acct>\n        <Id><IBAN>${iban}</IBAN></Id>\n        <Ccy>${ccy}</Ccy>\n        <Ownr><Nm>${xml(def.holder)}</Nm></Ownr>\n        <Svcr><FinInstnId><BIC>${def.bic}</BIC></FinInstnId></Svcr>\n      </Acct>\n`);
    sink.write(balance('OPBD', open, from) + balance('CLBD', bal, to));
    const net = sumCr - sumDr;
    sink.write(`      <TxsSummry>\n        <TtlNtries><NbOfNtries>${lines.length}</NbOfNtries><Sum>${fmtMinor(sumCr + sumDr)}</Sum><TtlNetNtryAmt>${fmtMinor(Math.abs(net))}</TtlNetNtryAmt><CdtDbtInd>${net >= 0 ? 'CRDT' : 'DBIT'}</CdtDbtInd></TtlNtries>\n`);
    sink.write(`        <TtlCdtNtries><NbOfNtries>${cr.length}</NbOfNtries><Sum>${fmtMinor(sumCr)}</Sum></TtlCdtNtries>\n        <TtlDbtNtries><NbOfNtries>${dr.length}</NbOfNtries><Sum>${fmtMinor(sumDr)}</Sum></TtlDbtNtries>\n      </TxsSummry>\n`);
    for (const l of lines) sink.write(camtEntry(l, ccy));
    sink.write('    </Stmt>\n');
  }
  sink.write('  </BkToCstmrStmt>\n</Document>\n');
  sink.close();
  return bank.lines.length;
}

// ────────────────────────────────────────────────────────────── truth ──────
class TruthWriter {
  constructor(path, head) {
    this.sink = new Sink(path, 'utf8');
    this.first = true;
    this.count = 0;
    const h = JSON.stringify(head);
    this.sink.write(h.slice(0, -1) + ',\n"transactions":[\n');
  }
  tx(id, acquirer, status, expectedOn, lineIds) {
    this.sink.write(`${this.first ? '' : ',\n'}{"id":"${id}","acquirer":"${acquirer}","status":"${status}","expectedOn":"${expectedOn}","bankLineIds":[${lineIds.map(x => `"${x}"`).join(',')}]}`);
    this.first = false;
    this.count++;
  }
  finish(tail) {
    for (const [k, list] of Object.entries(tail)) {
      this.sink.write(`\n],\n"${k}":[\n`);
      list.forEach((x, i) => this.sink.write((i ? ',\n' : '') + JSON.stringify(x)));
    }
    this.sink.write('\n]}\n');
    this.sink.close();
  }
}

function finalAlerts(ctx) {
  for (const g of ctx.dupDetector.groups) {
    if (g.cancelled || g.members.some(m => m.voided || m.refunded)) continue;
    ctx.alert({ kind: 'duplicate_charge', severity: 'warning', acquirer: g.acq, transactionIds: g.members.map(m => m.id), bankLineIds: [], amountMinor: g.gross * (g.members.length - 1) });
  }
  for (const f of ctx.feeAlerts) {
    ctx.alert({ kind: 'fee_mismatch', severity: 'warning', acquirer: f.acquirer, transactionIds: [f.id], bankLineIds: [], amountMinor: f.amountMinor });
  }
  for (const acc of ctx.accounts) {
    for (const g of acc.dupGroups) {
      ctx.faults.push({ kind: 'duplicate_charge', acquirer: acc.id, transactionIds: g.members.map(m => m.id), gapSeconds: g.members.slice(1).map((m, i) => m.sec - g.members[i].sec), refunded: g.refunded, ...(g.forced ? { forced: true } : {}) });
    }
  }
  for (const { acc, ep } of ctx.feeEpisodes) {
    ctx.faults.push({ kind: 'fee_mismatch', acquirer: acc.id, terminal: ep.terminal.id, date: iso(ep.day), chargedRate: ep.rate, transactionCount: ep.count, ...(ep.forced ? { forced: true } : {}) });
  }
  for (const [a, b] of ctx.repeatDecoys) ctx.faults.push({ kind: 'decoy_repeat_purchase', transactionIds: [a.id, b.id], gapMinutes: Math.round((b.sec - a.sec) / 60) });
}

// ─────────────────────────────────────────────────────────── config ────────
function buildConfig(ctx) {
  return {
    schema: 'settlewatch.config/1',
    graceBusinessDays: 2,
    lateToleranceBusinessDays: 0,
    duplicateWindowMinutes: 10,
    calendars: [ctx.calendar.toConfig()],
    acquirers: ctx.scen.acquirers.map(d => {
      const a = { id: d.id, name: d.name, format: d.format };
      if (d.merchantNo) a.merchantIds = [d.merchantNo];
      Object.assign(a, { currency: ctx.scen.currency, timezone: d.timezone, calendar: ctx.calendar.id, settlementLagBusinessDays: d.lag });
      if (d.cutoff) a.cutoff = d.cutoff;
      a.bankCounterparties = [d.style === 'stripe' ? (ctx.opts.scenario === 'us' ? 'STRIPE' : 'Stripe') : d.legalName];
      a.fees = d.fees;
      return a;
    }),
  };
}

/** Faults forced near the as-of date so every status and alert kind appears. */
function forcedPlan(ctx) {
  const plan = {};
  if (!ctx.rates.forced) return plan;
  const rng = ctx.rng.fork('forced'), cal = ctx.calendar, A = ctx.asOfDay;
  const firstE = Math.min(...ctx.scen.acquirers.map(d => cal.addBiz(ctx.startDay, d.lag)));
  let room = 0; // business days E before A that a full batch can have
  while (cal.addBiz(A, -(room + 1)) > firstE) room++;
  // overdue needs E = A-1; missing needs E+grace < A; late must land before A.
  const backs = room >= 15
    ? { overdue: 1, missing: rng.int(4, 7), late: rng.int(8, 11), short: rng.int(12, 15) }
    : { overdue: 1, missing: 3, late: Math.round(room * 0.6), short: room };
  const taken = new Set();
  for (const [k, back] of Object.entries(backs)) {
    if (back > room || back < 1 || taken.has(back)) continue;
    taken.add(back);
    plan[k] = { acq: rng.pick(ctx.scen.acquirers).id, E: cal.addBiz(A, -back), used: false };
  }
  const days = ctx.lastTradeDay - ctx.startDay + 1;
  plan.fee = { acq: rng.pick(ctx.scen.acquirers).id, day: ctx.startDay + rng.int(0, days - 1) };
  plan.duplicate = { acq: rng.pick(ctx.scen.acquirers).id, day: ctx.startDay + rng.int(0, days - 1) };
  return plan;
}

// ──────────────────────────────────────────────────────────── main ─────────
function main() {
  const t0 = performance.now();
  const opts = parseArgs(process.argv.slice(2));
  const scen = SCENARIOS[opts.scenario];
  mkdirSync(opts.out, { recursive: true });

  const rng = new Rng(`settlewatch/${opts.scenario}/${opts.seed}`);
  const calendar = new Calendar(scen.calendar, CALENDAR_DATA[scen.calendar]);
  const startDay = dayOf(opts.start);
  const lastTradeDay = startDay + opts.days - 1;
  const asOfDay = calendar.onOrBefore(lastTradeDay);
  if (asOfDay < startDay) die('the period holds no business day; use more --days');

  const ctx = {
    opts, scen, rng, calendar, startDay, lastTradeDay, asOfDay,
    rates: FAULTS[opts.faults], faultRng: rng.fork('faults'),
    cfg: null, accounts: [], groups: [], faults: [], alerts: [], feeAlerts: [], feeEpisodes: [], repeatDecoys: [],
    stats: { rows: 0, status: {} },
    alert(a) { this.alerts.push({ kind: a.kind, severity: a.severity, acquirer: a.acquirer, currency: scen.currency, transactionIds: a.transactionIds, bankLineIds: a.bankLineIds, amountMinor: a.amountMinor, ...(a.expectedOn ? { expectedOn: a.expectedOn } : {}) }); },
  };
  ctx.cfg = buildConfig(ctx);
  ctx.dupDetector = new DupDetector(ctx.cfg.duplicateWindowMinutes * 60);
  ctx.forcedPlan = forcedPlan(ctx);
  ctx.bank = new Bank(scen, ctx);

  const period = `${compact(startDay)}-${compact(lastTradeDay)}`;
  const files = [{ path: 'config.json', role: 'config', format: 'settlewatch.config/1', encoding: 'utf-8' }];
  for (const def of scen.acquirers) {
    const acc = new Account(def, ctx);
    const name = def.style === 'stripe' ? `stripe-payout-reconciliation-${period}.csv` : `${def.id}-${period}.csv`;
    acc.writer = def.style === 'stripe' ? new StripeWriter(join(opts.out, name), acc, ctx) : new CnAcquirerWriter(join(opts.out, name), acc, ctx);
    acc.file = { path: name, role: 'acquirer', format: def.format, acquirer: def.id, encoding: def.style === 'stripe' ? 'utf-8' : 'gbk' };
    acc.writer.begin();
    ctx.accounts.push(acc);
  }

  const head = {
    schema: 'settlewatch.truth/1', scenario: opts.scenario, seed: Number(opts.seed), faultProfile: opts.faults,
    generatedBy: commandLine(opts), asOf: iso(asOfDay), period: { from: iso(startDay), to: iso(lastTradeDay) },
    notes: 'Batches: CN = acquirer x trade date, Stripe = payout. fee_mismatch covers sales only. duplicate_charge: same terminal+card+gross chained within the window, dropped if any member is voided or refunded.',
  };
  ctx.truth = new TruthWriter(join(opts.out, 'truth.json'), head);

  // Simulate day by day; batches settle as soon as they are complete.
  for (let day = startDay; day <= lastTradeDay; day++) for (const acc of ctx.accounts) processDay(acc, day);
  for (const acc of ctx.accounts) { closeReadyGroups(acc, lastTradeDay, true); acc.writer.end(); }
  const tSim = performance.now();

  addSameAmountDecoys(ctx);
  addUnknownCredits(ctx);
  addAcquirerDebits(ctx);
  addNoise(ctx);
  finalizeStatement(ctx);
  finalAlerts(ctx);

  const bankName = { 'cn-bank-csv': 'csv', ofx: 'ofx', camt053: 'xml' }[scen.bank.format];
  const bankFile = `${scen.bank.file}-${compact(startDay)}-${compact(asOfDay)}.${bankName}`;
  const writer = { 'cn-bank-csv': writeCnBank, ofx: writeOfx, camt053: writeCamt }[scen.bank.format];
  const bankRows = writer(join(opts.out, bankFile), ctx);

  const injected = ctx.accounts.reduce((s, a) => s + a.dupGroups.length, 0);
  if (ctx.dupDetector.groups.length !== injected) process.stderr.write(`gen-ledger: note: ${ctx.dupDetector.groups.length} duplicate groups by rule vs ${injected} injected\n`);

  ctx.alerts.sort((a, b) => a.kind.localeCompare(b.kind));
  ctx.truth.finish({ alerts: ctx.alerts, faults: ctx.faults });
  writeFileSync(join(opts.out, 'config.json'), JSON.stringify(ctx.cfg, null, 2) + '\n');

  for (const acc of ctx.accounts) files.push({ ...acc.file, rows: acc.rows });
  files.push({ path: bankFile, role: 'bank', format: scen.bank.format, encoding: scen.bank.format === 'cn-bank-csv' ? 'gbk' : 'utf-8', rows: bankRows });
  files.push({ path: 'truth.json', role: 'truth', format: 'settlewatch.truth/1', encoding: 'utf-8' });
  const acqFiles = ctx.accounts.map(a => a.file.path);
  const reconcileArgs = ['reconcile', '--config', 'config.json', '--acquirer', ...acqFiles, '--bank', bankFile, '--json'];
  const alertCounts = {};
  for (const a of ctx.alerts) alertCounts[a.kind] = (alertCounts[a.kind] ?? 0) + 1;
  const manifest = {
    schema: 'settlewatch.manifest/1', scenario: opts.scenario, seed: Number(opts.seed), faults: opts.faults,
    generatedBy: commandLine(opts), asOf: iso(asOfDay), period: { from: iso(startDay), to: iso(lastTradeDay) },
    files, reconcile: 'settlewatch ' + reconcileArgs.join(' '), reconcileArgs,
    stats: { transactions: ctx.truth.count, byKind: pick(ctx.stats, ['sale', 'refund', 'void', 'chargeback']), byStatus: ctx.stats.status, bankLines: bankRows, alerts: alertCounts },
  };
  writeFileSync(join(opts.out, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');

  const t1 = performance.now();
  process.stderr.write(`gen-ledger: ${opts.scenario} seed ${opts.seed}: ${ctx.truth.count} transactions, ${bankRows} bank lines, ` +
    `${ctx.alerts.length} alerts, as-of ${iso(asOfDay)} → ${opts.out} (simulate ${((tSim - t0) / 1000).toFixed(1)} s, total ${((t1 - t0) / 1000).toFixed(1)} s)\n`);
}

function pick(o, keys) { return Object.fromEntries(keys.filter(k => o[k] !== undefined).map(k => [k, o[k]])); }
function commandLine(o) {
  return `node gen-ledger.mjs --scenario ${o.scenario} --seed ${o.seed} --days ${o.days} --tx-per-day ${o.txPerDay} --start ${o.start} --faults ${o.faults}`;
}

main();
