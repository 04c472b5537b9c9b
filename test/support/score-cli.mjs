#!/usr/bin/env node
// Grades a report against a generator truth with the contract's metrics (see score.ts), streaming-free
// but lean enough for a million transactions: used by scripts/bench.mjs. Prints one line.
import { readFileSync } from 'node:fs';

const [truthPath, reportPath] = process.argv.slice(2);
const truth = JSON.parse(readFileSync(truthPath, 'utf8'));
const report = JSON.parse(readFileSync(reportPath, 'utf8'));
const rep = new Map(report.transactions.map(t => [t.id, t]));
let linked = 0,
  linkedOk = 0,
  statusOk = 0;
const same = (a = [], b = []) => a.length === b.length && a.every(x => b.includes(x));
for (const t of truth.transactions) {
  const r = rep.get(t.id);
  if (t.bankLineIds.length) {
    linked++;
    if (r && same(t.bankLineIds, r.bankLineIds)) linkedOk++;
  }
  if (r && r.status === t.status) statusOk++;
}
const byLine = new Set(['short_credit', 'unknown_credit']);
const items = (alerts, kind) => {
  const s = new Set();
  for (const a of alerts)
    if (a.kind === kind) {
      const list = (byLine.has(kind) ? a.bankLineIds : a.transactionIds) ?? [];
      for (const id of kind === 'duplicate_charge' ? list.slice(1) : list) s.add(id);
    }
  return s;
};
const f1s = [];
for (const kind of new Set([
  'missing_credit',
  'late_credit',
  'short_credit',
  'duplicate_charge',
  'fee_mismatch',
  'unknown_credit',
  'coverage_gap',
  ...report.alerts.map(a => a.kind),
])) {
  const ti = items(truth.alerts, kind),
    ri = items(report.alerts, kind);
  if (!ti.size && !ri.size) continue;
  let tp = 0;
  for (const x of ri) if (ti.has(x)) tp++;
  const p = ri.size ? tp / ri.size : 0,
    r = ti.size ? tp / ti.size : 0;
  f1s.push(p + r ? (2 * p * r) / (p + r) : 0);
}
const f1 = f1s.length ? f1s.reduce((a, b) => a + b, 0) / f1s.length : report.alerts.length ? 0 : 1;
console.log(
  `score: linkage=${(linked ? linkedOk / linked : 1).toFixed(4)} status=${(statusOk / truth.transactions.length).toFixed(4)} alertF1=${f1.toFixed(4)}`,
);
