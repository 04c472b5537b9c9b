// Splits a generated cn ledger (cn-acquirer exports and a CCB statement, GBK) into the ledger up to the day
// before its last one and that last day alone, each file with its own 合计 line and period, so the bench can
// import a year and then "one more day" of new rows, as a merchant does. Files are read as latin1, which keeps
// every GBK byte as it is: only ASCII dates and amounts are rewritten.
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';

/** Cells of a CSV line (quotes respected; the line as latin1 text). */
function cells(line) {
  const out = [];
  let cur = '',
    quoted = false;
  for (const ch of line) {
    if (ch === '"') quoted = !quoted;
    else if (ch === ',' && !quoted) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

/** An amount cell (`"1,234.50"`, `-0.10`, blank) in minor units. */
function minor(text) {
  const t = text.replace(/[",\s]/g, '');
  if (!t) return 0;
  const neg = t.startsWith('-');
  const [whole, frac = ''] = t.replace(/^[-+]/, '').split('.');
  const v = Number(whole) * 100 + Number((frac + '00').slice(0, 2));
  return neg ? -v : v;
}

const fmt = (m, grouped = false) => {
  const s = (Math.abs(m) / 100).toFixed(2);
  const g = grouped ? s.replace(/\B(?=(\d{3})+(?!\d))/g, ',') : s;
  return (m < 0 ? '-' : '') + g;
};

/** `20260414` or `2026-04-14` at the start of a data line, as YYYY-MM-DD; null for other lines. */
function lineDate(line) {
  const m = /^(\d{4})-?(\d{2})-?(\d{2}),/.exec(line);
  return m ? `${m[1]}-${m[2]}-${m[3]}` : null;
}

function splitAcquirer(text, lastDay) {
  const lines = text.split('\n');
  const head = [],
    base = [],
    extra = [];
  let footer = '';
  for (const l of lines) {
    if (l === '') continue;
    const d = lineDate(l);
    if (d === null) (footer === '' && base.length === 0 ? head : []).push(l);
    if (d === null && l.startsWith('\xba\xcf\xbc\xc6')) footer = l; // 合计 in GBK
    if (d !== null) (d === lastDay ? extra : base).push(l);
  }
  const withFooter = rows => {
    let gross = 0,
      fee = 0,
      net = 0;
    for (const r of rows) {
      const c = cells(r);
      gross += Math.abs(minor(c[7]));
      fee += minor(c[8]);
      net += minor(c[9]);
    }
    const f = cells(footer);
    f[1] = f[1].replace(/\d+/, String(rows.length));
    f[7] = fmt(gross);
    f[8] = fmt(fee);
    f[9] = fmt(net);
    return f.join(',');
  };
  const period = (from, to) =>
    head.map(h =>
      h.replace(/(\d{4}-?\d{2}-?\d{2})([^\d]{1,4})(\d{4}-?\d{2}-?\d{2})/, (_, a, sep) => {
        const dash = a.includes('-');
        const f = dash ? from : from.replaceAll('-', '');
        const t = dash ? to : to.replaceAll('-', '');
        return `${f}${sep}${t}`;
      }),
    );
  return {
    base: [...period(firstDate(base), dayBefore(lastDay)), ...base, withFooter(base), ''].join('\n'),
    extra: [...period(lastDay, lastDay), ...extra, withFooter(extra), ''].join('\n'),
  };
}

function splitBank(text, lastDay) {
  const lines = text.split('\n').filter(l => l !== '');
  const head = lines.filter(l => lineDate(l) === null && !l.startsWith('\xba\xcf\xbc\xc6'));
  const footer = lines.find(l => l.startsWith('\xba\xcf\xbc\xc6'));
  const rows = lines.filter(l => lineDate(l) !== null);
  const base = rows.filter(r => lineDate(r) !== lastDay),
    extra = rows.filter(r => lineDate(r) === lastDay);
  const opening = minor(/:([\d,.]+)\r?$/.exec(head.find(h => /\d\.\d\d\r?$/.test(h)) ?? '')?.[1] ?? '0');
  const closing = (rs, before) => (rs.length ? minor(cells(rs[rs.length - 1])[6]) : before);
  const withFooter = (rs, before) => {
    let inN = 0,
      outN = 0,
      credits = 0,
      debits = 0;
    for (const r of rs) {
      const c = cells(r);
      if (c[4]) {
        inN++;
        credits += minor(c[4]);
      }
      if (c[5]) {
        outN++;
        debits += minor(c[5]);
      }
    }
    const f = cells(footer);
    let k = 0;
    f[3] = f[3].replace(/\d+/g, () => String(k++ === 0 ? inN : outN));
    f[4] = `"${fmt(credits, true)}"`;
    f[5] = `"${fmt(debits, true)}"`;
    f[6] = `"${fmt(closing(rs, before), true)}"`;
    return f.join(',');
  };
  const title = (from, to, opening) =>
    head.map(h =>
      h
        .replace(/(\d{4}-\d{2}-\d{2})([^\d]{1,4})(\d{4}-\d{2}-\d{2})/, (_, a, sep) => `${from}${sep}${to}`)
        .replace(/(:)([\d,.]+)(\r?)$/, (m, c, v, cr) => (/\./.test(v) ? `${c}${fmt(opening)}${cr}` : m)),
    );
  const from = lineDate(rows[0]);
  return {
    base: [...title(from, dayBefore(lastDay), opening), ...base, withFooter(base, opening), ''].join('\n'),
    extra: [...title(lastDay, lastDay, closing(base, opening)), ...extra, withFooter(extra, closing(base, opening)), ''].join('\n'),
  };
}

const firstDate = rows => lineDate(rows[0]);
function dayBefore(day) {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

/**
 * Writes `<dir>/split/base-*` and `<dir>/split/day-*` for a generated ledger directory; returns the paths:
 * the config and the files up to the day before the last, and the last day's files.
 */
export function splitLastDay(dir, manifest, outDir) {
  const lastDay = manifest.period.to;
  const base = [join(dir, 'config.json')],
    day = [];
  for (const f of manifest.files) {
    if (f.role !== 'acquirer' && f.role !== 'bank') continue;
    const text = readFileSync(join(dir, f.path), 'latin1');
    const parts = f.role === 'bank' ? splitBank(text, lastDay) : splitAcquirer(text, lastDay);
    const b = join(outDir, `base-${basename(f.path)}`),
      e = join(outDir, `day-${basename(f.path)}`);
    writeFileSync(b, parts.base, 'latin1');
    writeFileSync(e, parts.extra, 'latin1');
    base.push(b);
    day.push(e);
  }
  return { base, day, lastDay };
}
