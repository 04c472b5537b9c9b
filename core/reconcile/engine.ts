import { dayNumber, type IsoDate } from '../model/date';
import { formatMinor, minorDigits } from '../model/money';
import type { BankLine, StatementPeriod } from '../model/types';
import { findDuplicates, findFeeMismatches } from './checks';
import { expectBatches, type BatchState } from './expect';
import { matchCredits, type Credit } from './match';
import { inferBlankOwners, owningProfiles } from './ownership';
import { compileProfiles, type ProfileRuntime } from './profile';
import { ALERT_KINDS, type Alert, type AlertKind, type Batch, type Link, type Reconciliation, type ReconcileInput, type TxnReport, type TxnStatus } from './types';

/**
 * Up to which date the bank data reaches: per account the latest period end a statement declares,
 * else its latest booking date; with several accounts, the earliest of those days.
 */
export function bankCoverage(lines: readonly BankLine[], periods: readonly StatementPeriod[]): IsoDate | null {
  const perAccount = new Map<string, IsoDate>();
  for (const p of periods) {
    if (!p.to) continue;
    const cur = perAccount.get(p.account);
    if (!cur || p.to > cur) perAccount.set(p.account, p.to);
  }
  const declared = new Set(perAccount.keys());
  for (const l of lines) {
    if (declared.has(l.account)) continue;
    const cur = perAccount.get(l.account);
    if (!cur || l.bookedOn > cur) perAccount.set(l.account, l.bookedOn);
  }
  let min: IsoDate | null = null;
  for (const d of perAccount.values()) if (min === null || d < min) min = d;
  return min;
}

/**
 * Reconciles acquirer transactions against bank lines: expected credits per batch, links in passes,
 * statuses at the as-of date and alerts, exactly per spec/reconcile.md. Pure and deterministic:
 * a function of (rows, config, decisions, dates) only.
 */
export function reconcile(input: ReconcileInput): Reconciliation {
  const { config } = input;
  const progress = input.onProgress ?? (() => undefined);
  const profiles = compileProfiles(config);
  const coverage = bankCoverage(input.bankLines, input.periods);
  // The as-of date: --as-of, else the bank coverage (never past today when the apps pass it). With no
  // bank data at all nothing says a credit did not come: every unpaid batch stays pending.
  const asOf: IsoDate | null = input.asOf ?? (coverage !== null && input.today && input.today < coverage ? input.today : coverage);

  progress('expect', 0);
  const exp = expectBatches(input.acquirers, profiles);
  const { batches, txns, batchOf } = exp;
  progress('expect', 1);

  // Credits: money in, owned by an acquirer, booked by the as-of date.
  const credits: Credit[] = [];
  const owners = new Map<number, number[]>();
  input.bankLines.forEach((line, index) => {
    const o = owningProfiles(line, profiles);
    if (o.length) owners.set(index, o);
  });
  for (const [index, profile] of inferBlankOwners(input.bankLines, owners)) owners.set(index, [profile]);
  input.bankLines.forEach((line, index) => {
    const o = owners.get(index);
    if (!o || line.amountMinor <= 0 || (asOf !== null && line.bookedOn > asOf)) return;
    credits.push({ index, line, day: dayNumber(line.bookedOn), owners: o });
  });
  progress('match', 0);
  const linkStates = matchCredits(batches, credits, profiles, input.decisions ?? []);
  progress('match', 1);

  const creditOfBatch = new Int32Array(batches.length).fill(-1);
  for (const [k, l] of linkStates.entries()) for (const bi of l.batches) creditOfBatch[bi] = k;

  // Status of each batch at the as-of date.
  const batchStatus: TxnStatus[] = batches.map((b, bi) => {
    const p = profiles[b.profileIndex]!;
    const k = creditOfBatch[bi]!;
    if (k >= 0) {
      const booked = credits[linkStates[k]!.creditIndex]!.line.bookedOn;
      return booked <= p.calendar.addBusinessDays(b.expectedOn, config.lateToleranceBusinessDays) ? 'settled' : 'settled_late';
    }
    if (asOf === null || asOf <= b.expectedOn) return 'pending';
    // Refunds that outweigh the day's sales leave nothing to credit (the acquirer nets or debits it):
    // no credit is owed, so none can be missing.
    if (b.netMinor <= 0) return 'settled';
    return asOf <= p.calendar.addBusinessDays(b.expectedOn, config.graceBusinessDays) ? 'overdue' : 'missing';
  });
  const lineIdsOfBatch: string[][] = batches.map((_, bi) => {
    const k = creditOfBatch[bi]!;
    return k >= 0 ? [credits[linkStates[k]!.creditIndex]!.line.id] : [];
  });

  const none: string[] = [];
  const transactionAt = (i: number): TxnReport => {
    const t = txns[i]!;
    const bi = batchOf[i]!;
    const acquirer = profiles[exp.profileOf[i]!]!.profile.id;
    return bi < 0
      ? { id: t.id, acquirer, status: 'voided', expectedOn: null, bankLineIds: none }
      : { id: t.id, acquirer, status: batchStatus[bi]!, expectedOn: batches[bi]!.expectedOn, bankLineIds: lineIdsOfBatch[bi]! };
  };
  // A million report rows are ~60 MB: callers that stream them (the CLI) ask for them one at a time.
  const transactions: TxnReport[] = input.streamTransactions ? [] : Array.from({ length: txns.length }, (_, i) => transactionAt(i));
  progress('alerts', 0);
  const alerts = raiseAlerts();
  progress('alerts', 1);

  const links: Link[] = linkStates.map(l => ({
    bankLineId: credits[l.creditIndex]!.line.id,
    batchIds: l.batches.map(bi => batches[bi]!.id),
    reason: l.reason,
  }));
  const publicBatches: Batch[] = batches.map(b => ({
    id: b.id, acquirer: b.acquirer, tradeDate: b.tradeDate, payoutId: b.payoutId, expectedOn: b.expectedOn,
    netMinor: b.netMinor, grossMinor: b.grossMinor, feeMinor: b.feeMinor, currency: b.currency, transactionCount: b.live.length,
  }));
  return {
    report: { schema: 'settlewatch.report/1', asOf: asOf ?? input.today ?? latestTradeDate(batches) ?? '', transactions, alerts },
    batches: publicBatches,
    links,
    bankCoverage: coverage,
    transactionCount: txns.length,
    transactionAt,
    transactionIdAt: i => txns[i]!.id,
    batchIndexOf: i => batchOf[i]!,
  };

  function raiseAlerts(): Alert[] {
    const out: Alert[] = [];
    const dismissed = new Map<string, string>();
    for (const d of input.decisions ?? []) if (d.kind === 'dismiss_alert') dismissed.set(d.alertId, d.reason);
    const push = (a: Omit<Alert, 'dismissed'>) => {
      const reason = dismissed.get(a.id);
      out.push(reason === undefined ? a : { ...a, dismissed: { reason } });
    };
    const name = (p: ProfileRuntime) => p.profile.name || p.profile.id;
    const money = (minor: number, currency: string) => `${formatMinor(minor, minorDigits(currency))} ${currency}`;
    const liveIds = (b: BatchState) => b.live.map(i => txns[i]!.id);

    batches.forEach((b, bi) => {
      const status = batchStatus[bi]!;
      const p = profiles[b.profileIndex]!;
      if (b.live.length === 0) return;
      if (status === 'overdue' || status === 'missing') {
        push({
          id: `missing_credit:${b.id}`, kind: 'missing_credit', severity: status === 'missing' ? 'critical' : 'warning',
          acquirer: b.acquirer, transactionIds: liveIds(b), bankLineIds: [], amountMinor: b.netMinor, currency: b.currency,
          expectedOn: b.expectedOn,
          message: `${name(p)}: ${money(b.netMinor, b.currency)} for ${b.live.length} transaction(s) of ${b.tradeDate} was due on ${b.expectedOn} and has not been credited`,
        });
      } else if (status === 'settled_late') {
        push({
          id: `late_credit:${b.id}`, kind: 'late_credit', severity: 'info', acquirer: b.acquirer, transactionIds: liveIds(b),
          bankLineIds: lineIdsOfBatch[bi]!, amountMinor: b.netMinor, currency: b.currency, expectedOn: b.expectedOn,
          message: `${name(p)}: ${money(b.netMinor, b.currency)} due on ${b.expectedOn} was credited late, on ${credits[linkStates[creditOfBatch[bi]!]!.creditIndex]!.line.bookedOn}`,
        });
      }
    });
    for (const l of linkStates) {
      if (l.reason.amountDeltaMinor >= 0) continue;
      const c = credits[l.creditIndex]!;
      const first = batches[l.batches[0]!]!;
      const p = profiles[first.profileIndex]!;
      const shortfall = -l.reason.amountDeltaMinor;
      push({
        id: `short_credit:${c.line.id}`, kind: 'short_credit', severity: 'critical', acquirer: first.acquirer,
        transactionIds: l.batches.flatMap(bi => liveIds(batches[bi]!)), bankLineIds: [c.line.id], amountMinor: shortfall,
        currency: first.currency, expectedOn: first.expectedOn,
        message: `${name(p)}: the credit of ${c.line.bookedOn} is ${money(shortfall, first.currency)} short of the ${money(c.line.amountMinor + shortfall, first.currency)} expected`,
      });
    }
    for (const g of findDuplicates(exp, config.duplicateWindowMinutes)) {
      const p = profiles[g.profileIndex]!;
      const t0 = txns[g.members[0]!]!;
      push({
        id: `duplicate_charge:${t0.id}`, kind: 'duplicate_charge', severity: 'warning', acquirer: p.profile.id,
        transactionIds: g.members.map(i => txns[i]!.id), bankLineIds: [], amountMinor: g.grossMinor * (g.members.length - 1),
        currency: t0.currency,
        message: `${name(p)}: card ${t0.card} was charged ${money(g.grossMinor, t0.currency)} ${g.members.length} times within ${config.duplicateWindowMinutes} minutes on terminal ${t0.terminal}`,
      });
    }
    for (const f of findFeeMismatches(exp, profiles)) {
      const t = txns[f.index]!;
      const p = profiles[exp.profileOf[f.index]!]!;
      push({
        id: `fee_mismatch:${t.id}`, kind: 'fee_mismatch', severity: 'warning', acquirer: p.profile.id, transactionIds: [t.id],
        bankLineIds: [], amountMinor: f.printedMinor - f.contractedMinor, currency: t.currency,
        message: `${name(p)}: fee ${money(f.printedMinor, t.currency)} on a ${money(t.grossMinor, t.currency)} sale; the contract says ${money(f.contractedMinor, t.currency)}`,
      });
    }
    const linked = new Set(linkStates.map(l => l.creditIndex));
    credits.forEach((c, ci) => {
      if (linked.has(ci)) return;
      const p = profiles[c.owners[0]!]!;
      push({
        id: `unknown_credit:${c.line.id}`, kind: 'unknown_credit', severity: 'warning', acquirer: p.profile.id,
        transactionIds: [], bankLineIds: [c.line.id], amountMinor: c.line.amountMinor, currency: c.line.currency || p.profile.currency,
        message: `${name(p)}: a credit of ${money(c.line.amountMinor, c.line.currency || p.profile.currency)} on ${c.line.bookedOn} matches no transaction`,
      });
    });
    const rank = Object.fromEntries(ALERT_KINDS.map((k, i) => [k, i])) as Record<AlertKind, number>;
    return out.sort((a, b) => rank[a.kind] - rank[b.kind] || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }
}

function latestTradeDate(batches: readonly BatchState[]): IsoDate | null {
  let max: IsoDate | null = null;
  for (const b of batches) if (max === null || b.tradeDate > max) max = b.tradeDate;
  return max;
}
