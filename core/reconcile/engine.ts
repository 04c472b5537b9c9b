import { dayNumber, isoDate, type IsoDate } from '../model/date';
import { isoSpans, meetsRun, uncoveredRuns, statementCoverage, type AccountCoverage, type DaySpan } from './coverage';
import { findDuplicates, findFeeMismatches, type DuplicateGroup, type FeeMismatch } from './checks';
import { dismissedFeeSales } from './dismissals';
import { combineBatches, expectProfiles, TxnIndex, type BatchState } from './expect';
import { groupFeeIncidents, saleDate, type FeeIncident } from './fee-incidents';
import { matchCredits, type Credit } from './match';
import { inferBlankOwners, owningProfiles } from './ownership';
import { compileProfiles, contractedFee, type ProfileRuntime } from './profile';
import {
  ALERT_KINDS,
  STATUSES,
  type Alert,
  type AlertKind,
  type Batch,
  type Link,
  type Reconciliation,
  type ReconcileInput,
  type TxnReport,
  type TxnStatus,
} from './types';

/**
 * Reconciles acquirer transactions against bank lines: expected credits per batch, links in passes,
 * statuses at the as-of date and alerts, exactly per spec/reconcile.md. Pure and deterministic:
 * a function of (rows, config, decisions, dates) only.
 */
export function reconcile(input: ReconcileInput): Reconciliation {
  const progress = input.onProgress ?? (() => undefined);
  const profiles = compileProfiles(input.config);
  progress('expect', 0);
  const segments = expectProfiles(input.acquirers, profiles);
  const exp = combineBatches(segments);
  progress('expect', 1);
  return settle(input, profiles, new TxnIndex(segments), {
    duplicates: findDuplicates(exp, input.config.duplicateWindowMinutes),
    feeMismatches: findFeeMismatches(exp, profiles),
  });
}

/** What the checks of single transactions found (duplicate charges, fee mismatches), by global transaction index. */
export interface RowChecks {
  readonly duplicates: readonly DuplicateGroup[];
  readonly feeMismatches: readonly FeeMismatch[];
}

/**
 * Everything after the batches: credits, links, statuses, alerts and coverage, from the expectation and the
 * checks of single transactions. Its work follows the batches and bank lines, not the transactions (the
 * report's lines are built when first read): the incremental engine (incremental.ts) calls it after each change.
 */
export function settle(input: ReconcileInput, profiles: readonly ProfileRuntime[], rows: TxnIndex, checks: RowChecks): Reconciliation {
  const { config } = input;
  const progress = input.onProgress ?? (() => undefined);
  const statements = statementCoverage(input.bankLines, input.periods);
  const coverage = statements.lastCovered;
  // The as-of date: --as-of, else the bank coverage (never past today when the apps pass it). With no
  // bank data at all nothing says a credit did not come: every unpaid batch stays pending.
  const asOf: IsoDate | null = input.asOf ?? (coverage !== null && input.today && input.today < coverage ? input.today : coverage);

  const { batches } = rows;

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

  // Days up to the as-of date no statement covers: a credit due before one of them may be on a statement not
  // imported, so an unpaid batch whose [E, A] meets one is unverifiable, never overdue or missing.
  const asOfDay = asOf === null ? null : dayNumber(asOf);
  const runs = asOfDay === null ? [] : uncoveredRuns(statements.covered, asOfDay);

  // Status of each batch at the as-of date.
  const batchStatus: TxnStatus[] = batches.map((b, bi) => {
    const p = profiles[b.profileIndex]!;
    const k = creditOfBatch[bi]!;
    if (k >= 0) {
      const booked = credits[linkStates[k]!.creditIndex]!.line.bookedOn;
      return booked <= p.calendar.addBusinessDays(b.expectedOn, config.lateToleranceBusinessDays) ? 'settled' : 'settled_late';
    }
    if (asOf === null || asOf <= b.expectedOn) return 'pending';
    if (meetsRun(runs, dayNumber(b.expectedOn), asOfDay!)) return 'unverifiable';
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
    const t = rows.txn(i);
    const bi = rows.batchOf(i);
    const acquirer = profiles[rows.profileOf(i)]!.profile.id;
    return bi < 0
      ? { id: t.id, acquirer, status: 'voided', expectedOn: null, bankLineIds: none }
      : { id: t.id, acquirer, status: batchStatus[bi]!, expectedOn: batches[bi]!.expectedOn, bankLineIds: lineIdsOfBatch[bi]! };
  };
  // A million report rows are ~60 MB: callers that stream them (the CLI) ask for them one at a time, and the
  // others get them built when first read (the apps' counts come from the batches: statusCounts).
  let transactions: TxnReport[] | null = input.streamTransactions ? [] : null;
  const statusCounts = Object.fromEntries(STATUSES.map(s => [s, 0])) as Record<TxnStatus, number>;
  let live = 0;
  batches.forEach((b, bi) => {
    statusCounts[batchStatus[bi]!] += b.live.length;
    live += b.live.length;
  });
  statusCounts.voided += rows.count - live;
  const countByAcquirer = new Map<string, number>();
  for (const seg of rows.segments) {
    const id = profiles[seg.profileIndex]!.profile.id;
    countByAcquirer.set(id, (countByAcquirer.get(id) ?? 0) + seg.txns.length);
  }
  progress('alerts', 0);
  // The unverifiable batches with their due day, earliest first: the coverage_gap alerts and the report's
  // coverage both list from them.
  const waiting = unverifiableBatches();
  const alerts = raiseAlerts();
  progress('alerts', 1);

  const links: Link[] = linkStates.map(l => ({
    bankLineId: credits[l.creditIndex]!.line.id,
    batchIds: l.batches.map(bi => batches[bi]!.id),
    reason: l.reason,
  }));
  const publicBatches: Batch[] = batches.map(b => ({
    id: b.id,
    acquirer: b.acquirer,
    tradeDate: b.tradeDate,
    payoutId: b.payoutId,
    expectedOn: b.expectedOn,
    netMinor: b.netMinor,
    grossMinor: b.grossMinor,
    feeMinor: b.feeMinor,
    currency: b.currency,
    transactionCount: b.live.length,
  }));
  return {
    report: {
      schema: 'settlewatch.report/1',
      asOf: asOf ?? input.today ?? latestTradeDate(batches) ?? '',
      get transactions(): TxnReport[] {
        return (transactions ??= Array.from({ length: rows.count }, (_, i) => transactionAt(i)));
      },
      alerts,
      coverage: accountCoverage(),
    },
    statusCounts,
    transactionCountByAcquirer: countByAcquirer,
    batches: publicBatches,
    links,
    bankCoverage: coverage,
    uncovered: runs.map(([a, b]) => [Number.isFinite(a) ? isoDate(a) : null, isoDate(b)]),
    transactionCount: rows.count,
    transactionAt,
    transactionIdAt: i => rows.txn(i).id,
    batchIndexOf: i => rows.batchOf(i),
  };

  function liveIds(b: BatchState): string[] {
    return b.live.map(i => b.rows[i]!.id);
  }

  function raiseAlerts(): Alert[] {
    const out: Alert[] = [];
    const dismissed = new Map<string, string>();
    for (const d of input.decisions ?? []) if (d.kind === 'dismiss_alert') dismissed.set(d.alertId, d.reason);
    // Fee incidents are dismissed sale by sale (pushFee), never by id alone.
    const push = (a: Omit<Alert, 'dismissed' | 'code'>) => {
      out.push({ ...a, code: a.kind });
    };
    // A line id two accounts' credits share names its account too (see distinctIds).
    const accountsOfId = new Map<string, Set<string>>();
    for (const c of credits) {
      let set = accountsOfId.get(c.line.id);
      if (!set) accountsOfId.set(c.line.id, (set = new Set()));
      set.add(c.line.account);
    }
    const lineRef = (line: Credit['line']) => ((accountsOfId.get(line.id)?.size ?? 0) > 1 ? `${line.account}:${line.id}` : line.id);
    const name = (p: ProfileRuntime) => p.profile.name || p.profile.id;
    const feeDismissed = dismissedFeeSales(input.decisions ?? []);
    const pushFee = (incident: FeeIncident, members: readonly number[]) => {
      const p = profiles[incident.profileIndex]!;
      const t0 = rows.txn(members[0]!);
      let grossMinor = 0,
        printedMinor = 0,
        contractedMinor = 0;
      for (const i of members) {
        const t = rows.txn(i);
        grossMinor += t.grossMinor;
        printedMinor += t.feeMinor;
        contractedMinor += contractedFee(p, t.grossMinor, t.cardType)!;
      }
      const alert: Alert = {
        id: `fee_mismatch:${t0.id}`,
        kind: 'fee_mismatch',
        code: 'fee_mismatch',
        severity: incident.overcharge ? 'warning' : 'info',
        acquirer: p.profile.id,
        transactionIds: members.map(i => rows.txn(i).id),
        bankLineIds: [],
        amountMinor: printedMinor - contractedMinor,
        currency: t0.currency,
        params: {
          kind: 'fee_mismatch',
          acquirerName: name(p),
          count: members.length,
          from: saleDate(rows, members[0]!),
          to: saleDate(rows, members[members.length - 1]!),
          grossMinor,
          printedMinor,
          contractedMinor,
          printedRate: incident.printedRate,
          contractedRate: incident.contractedRate,
          capMinor: incident.capMinor,
          fixedMinor: incident.fixedMinor,
        },
      };
      const dismissal = feeDismissed.get(t0.id);
      out.push(dismissal === undefined ? alert : { ...alert, dismissed: { reason: dismissal } });
    };

    batches.forEach((b, bi) => {
      const status = batchStatus[bi]!;
      const p = profiles[b.profileIndex]!;
      if (b.live.length === 0) return;
      if (status === 'overdue' || status === 'missing') {
        push({
          id: `missing_credit:${b.id}`,
          kind: 'missing_credit',
          severity: status === 'missing' ? 'critical' : 'warning',
          acquirer: b.acquirer,
          transactionIds: liveIds(b),
          bankLineIds: [],
          amountMinor: b.netMinor,
          currency: b.currency,
          expectedOn: b.expectedOn,
          params: {
            kind: 'missing_credit',
            acquirerName: name(p),
            tradeDate: b.tradeDate,
            expectedOn: b.expectedOn,
            count: b.live.length,
            overdue: status === 'overdue',
          },
        });
      } else if (status === 'settled_late') {
        const bookedOn = credits[linkStates[creditOfBatch[bi]!]!.creditIndex]!.line.bookedOn;
        push({
          id: `late_credit:${b.id}`,
          kind: 'late_credit',
          severity: 'info',
          acquirer: b.acquirer,
          transactionIds: liveIds(b),
          bankLineIds: lineIdsOfBatch[bi]!,
          amountMinor: b.netMinor,
          currency: b.currency,
          expectedOn: b.expectedOn,
          params: { kind: 'late_credit', acquirerName: name(p), expectedOn: b.expectedOn, bookedOn },
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
        id: `short_credit:${lineRef(c.line)}`,
        kind: 'short_credit',
        severity: 'critical',
        acquirer: first.acquirer,
        transactionIds: l.batches.flatMap(bi => liveIds(batches[bi]!)),
        bankLineIds: [c.line.id],
        amountMinor: shortfall,
        currency: first.currency,
        expectedOn: first.expectedOn,
        params: {
          kind: 'short_credit',
          acquirerName: name(p),
          bookedOn: c.line.bookedOn,
          expectedMinor: c.line.amountMinor + shortfall,
          creditedMinor: c.line.amountMinor,
        },
      });
    }
    for (const g of checks.duplicates) {
      const p = profiles[g.profileIndex]!;
      const t0 = rows.txn(g.members[0]!);
      push({
        id: `duplicate_charge:${t0.id}`,
        kind: 'duplicate_charge',
        severity: 'warning',
        acquirer: p.profile.id,
        transactionIds: g.members.map(i => rows.txn(i).id),
        bankLineIds: [],
        amountMinor: g.grossMinor * (g.members.length - 1),
        currency: t0.currency,
        params: {
          kind: 'duplicate_charge',
          acquirerName: name(p),
          card: t0.card,
          terminal: t0.terminal,
          grossMinor: g.grossMinor,
          times: g.members.length,
          windowMinutes: config.duplicateWindowMinutes,
        },
      });
    }
    for (const incident of groupFeeIncidents(rows, profiles, checks.feeMismatches)) {
      // Sales a dismissal already covers stay dismissed (also those dismissed one by one, when fee alerts were
      // per sale); the rest of the incident is open. Each part is one alert, named after its oldest sale.
      const covered: number[] = [],
        uncovered: number[] = [];
      for (const i of incident.members) (feeDismissed.has(rows.txn(i).id) ? covered : uncovered).push(i);
      for (const part of [covered, uncovered]) if (part.length) pushFee(incident, part);
    }
    const linked = new Set(linkStates.map(l => l.creditIndex));
    credits.forEach((c, ci) => {
      if (linked.has(ci)) return;
      const p = profiles[c.owners[0]!]!;
      const currency = c.line.currency || p.profile.currency;
      push({
        id: `unknown_credit:${lineRef(c.line)}`,
        kind: 'unknown_credit',
        severity: 'warning',
        acquirer: p.profile.id,
        transactionIds: [],
        bankLineIds: [c.line.id],
        amountMinor: c.line.amountMinor,
        currency,
        params: { kind: 'unknown_credit', acquirerName: name(p), bookedOn: c.line.bookedOn },
      });
    });
    for (const g of gapAlerts()) push(g);
    const rank = Object.fromEntries(ALERT_KINDS.map((k, i) => [k, i])) as Record<AlertKind, number>;
    return distinctIds(out)
      .map(a => {
        const reason = dismissed.get(a.id);
        return reason === undefined ? a : { ...a, dismissed: { reason } };
      })
      .sort((a, b) => rank[a.kind] - rank[b.kind] || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  /** The unverifiable batches, with their due day, earliest first. */
  function unverifiableBatches(): { bi: number; day: number }[] {
    const list: { bi: number; day: number }[] = [];
    batches.forEach((b, bi) => {
      if (batchStatus[bi] === 'unverifiable' && b.live.length) list.push({ bi, day: dayNumber(b.expectedOn) });
    });
    return list.sort((a, b) => a.day - b.day);
  }

  /**
   * One coverage_gap per uncovered run that some unverifiable batch's [E, A] meets, and per account with
   * statements: the statement of those days, from that account's bank, is what would show the credits.
   */
  function gapAlerts(): Omit<Alert, 'dismissed' | 'code'>[] {
    if (!waiting.length) return [];
    const accounts = statements.accounts.size ? [...statements.accounts.keys()].sort() : [''];
    const out: Omit<Alert, 'dismissed' | 'code'>[] = [];
    for (const [runFrom, runTo] of runs) {
      // [E, A] meets the run when E ≤ its last day (A is never before a run: runs end by A).
      const listed = waiting.filter(w => w.day <= runTo);
      if (!listed.length) continue;
      const from = isoDate(Number.isFinite(runFrom) ? runFrom : listed[0]!.day),
        to = isoDate(runTo);
      const first = batches[listed[0]!.bi]!;
      const currency = first.currency;
      const ids = listed.flatMap(w => liveIds(batches[w.bi]!));
      const amountMinor = listed.reduce((sum, w) => sum + (batches[w.bi]!.currency === currency ? batches[w.bi]!.netMinor : 0), 0);
      const acquirers = new Set(listed.map(w => batches[w.bi]!.acquirer));
      for (const account of accounts) {
        out.push({
          id: `coverage_gap:${account}:${from}..${to}`,
          kind: 'coverage_gap',
          severity: 'warning',
          acquirer: acquirers.size === 1 ? first.acquirer : '',
          transactionIds: ids,
          bankLineIds: [],
          amountMinor,
          currency,
          expectedOn: first.expectedOn,
          account,
          from,
          to,
          params: { kind: 'coverage_gap', account, from, to, count: ids.length },
        });
      }
    }
    return out;
  }

  /** Per account: what its statements cover and its uncovered runs up to the as-of date (report `coverage`). */
  function accountCoverage(): AccountCoverage[] {
    return [...statements.accounts]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([account, c]) => {
        const gaps: DaySpan[] = [];
        if (asOfDay !== null) {
          for (const [from, to] of uncoveredRuns(c.covered, asOfDay)) {
            if (Number.isFinite(from)) {
              gaps.push([from, to]);
              continue;
            }
            // The run before the first covered day matters from the earliest credit that could be in it.
            const earliest = waiting.find(w => w.day <= to);
            if (earliest) gaps.push([earliest.day, to]);
          }
        }
        return { account, covered: isoSpans(c.covered), gaps: isoSpans(gaps), holes: c.holes };
      });
  }
}

function latestTradeDate(batches: readonly BatchState[]): IsoDate | null {
  let max: IsoDate | null = null;
  for (const b of batches) if (max === null || b.tradeDate > max) max = b.tradeDate;
  return max;
}

/**
 * Alert ids are `kind:` and the fact the alert is about: the batch id (`acquirer|tradeDate|expectedOn` or
 * `acquirer|payoutId`), the first transaction's reference, the bank line's id, or `account:from..to`. Two
 * acquirers may print the same reference and two accounts number their lines alike (OFX FITIDs `1`, `2`, …):
 * alerts that would share an id take the acquirer (or the account) into it, so each id names one alert. An
 * id depends only on the facts, never on the order files were given.
 */
function distinctIds(alerts: Alert[]): Alert[] {
  // Bank-line alerts are told apart by account where they are raised (lineRef); the rest by acquirer here.
  const count = new Map<string, number>();
  for (const a of alerts) count.set(a.id, (count.get(a.id) ?? 0) + 1);
  if (alerts.every(a => count.get(a.id) === 1)) return alerts;
  return alerts.map(a => {
    if (count.get(a.id) === 1) return a;
    const colon = a.id.indexOf(':');
    return { ...a, id: `${a.id.slice(0, colon)}:${a.acquirer}:${a.id.slice(colon + 1)}` };
  });
}
