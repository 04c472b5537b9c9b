// The grading rules of shared/tools/score.mjs, reimplemented so tests run without ../shared:
// linkage, status, and per-kind precision/recall/F1 over alert items, macro-averaged.
import type { Report } from '../../core/reconcile/types';

/** The ground truth a generated ledger ships (truth.json, settlewatch.truth/1). */
export interface Truth {
  readonly asOf: string;
  readonly transactions: { id: string; acquirer: string; status: string; expectedOn: string; bankLineIds: string[] }[];
  readonly alerts: { kind: string; transactionIds: string[]; bankLineIds: string[]; amountMinor: number }[];
}

/** Scores in 0..1, and the per-kind details for messages. */
export interface Score {
  readonly linkage: number;
  readonly status: number;
  readonly alertF1: number;
  readonly kinds: Record<string, { truth: number; report: number; tp: number; f1: number | null }>;
  readonly wrongStatus: { id: string; truth: string; report: string | undefined }[];
}

const BY_BANK_LINE = new Set(['short_credit', 'unknown_credit']);
const KINDS = ['missing_credit', 'late_credit', 'short_credit', 'duplicate_charge', 'fee_mismatch', 'unknown_credit', 'coverage_gap'];

function items(alerts: readonly { kind: string; transactionIds?: string[]; bankLineIds?: string[] }[], kind: string): Set<string> {
  const out = new Set<string>();
  for (const a of alerts) {
    if (a.kind !== kind) continue;
    const list = (BY_BANK_LINE.has(kind) ? a.bankLineIds : a.transactionIds) ?? [];
    for (const id of kind === 'duplicate_charge' ? list.slice(1) : list) out.add(id);
  }
  return out;
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  const s = new Set(a);
  return b.every(x => s.has(x));
}

/** Grades a report against the truth exactly as score.mjs does. */
export function scoreReport(truth: Truth, report: Report): Score {
  const rep = new Map(report.transactions.map(t => [t.id, t]));
  let linked = 0,
    linkedOk = 0,
    statusOk = 0;
  const wrongStatus: Score['wrongStatus'] = [];
  for (const t of truth.transactions) {
    const r = rep.get(t.id);
    if (t.bankLineIds.length) {
      linked++;
      if (r && sameSet(t.bankLineIds, r.bankLineIds)) linkedOk++;
    }
    if (r && r.status === t.status) statusOk++;
    else wrongStatus.push({ id: t.id, truth: t.status, report: r?.status });
  }
  const kinds: Score['kinds'] = {};
  const f1s: number[] = [];
  for (const kind of KINDS) {
    const ti = items(truth.alerts, kind);
    const ri = items(report.alerts, kind);
    let tp = 0;
    for (const x of ri) if (ti.has(x)) tp++;
    const precision = ri.size ? tp / ri.size : ti.size ? 0 : 1;
    const recall = ti.size ? tp / ti.size : null;
    // A kind the report raises and the truth lacks scores F1 0 (score.mjs, since coverage_gap came).
    const f1 = recall === null ? (ri.size ? 0 : null) : precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
    kinds[kind] = { truth: ti.size, report: ri.size, tp, f1 };
    if (f1 !== null) f1s.push(f1);
  }
  // An unknown kind in the report is a kind the truth lacks.
  for (const a of report.alerts)
    if (!KINDS.includes(a.kind) && !(a.kind in kinds)) {
      kinds[a.kind] = { truth: 0, report: 1, tp: 0, f1: 0 };
      f1s.push(0);
    }
  const alertF1 = f1s.length ? f1s.reduce((s, x) => s + x, 0) / f1s.length : report.alerts.length === 0 ? 1 : 0;
  return {
    linkage: linked ? linkedOk / linked : 1,
    status: truth.transactions.length ? statusOk / truth.transactions.length : 1,
    alertF1,
    kinds,
    wrongStatus,
  };
}
