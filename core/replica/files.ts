// A replica made from files the command line read (`settlewatch replica export`), and what a replica gives
// the engine back (`settlewatch reconcile --replica`): the same readings, in the same order, as the files
// would, so the report is the same. The ledger stores a file as the app would have imported it: its hash,
// its rows with the profile it was assigned to, its warnings, and import times in the order files were named.
import type { Config } from '../config/types';
import type { StoredBankLine, StoredDecision, StoredFile, StoredTxn } from '../db/schema';
import { storedTxn } from '../db/stored-txn';
import { coveredDates, issueOrder, MAX_ISSUES } from '../import/file-facts';
import type { Reading } from '../import/identity';
import { PORTAL_TABLE_FORMAT } from '../import/portal-table';
import type { AcquirerTxn, BankLine, ParseResult, StatementPeriod } from '../model/types';
import type { Decision } from '../reconcile/types';
import { formatHlc } from './hlc';
import { replicaOf, type Replica } from './replica';

/** A file the command line read, with its identity and (for an export) the profile it was assigned to. */
export interface FileRead {
  readonly name: string;
  /** SHA-256 of its bytes, hex. */
  readonly hash: string;
  readonly size: number;
  readonly result: ParseResult;
  readonly acquirer: string | null;
}

/** What a replica is made of when it is made from files. */
export interface ReplicaFromFiles {
  readonly config: Config;
  /** The config file itself, recorded like the app records an imported config. */
  readonly configFile: { readonly name: string; readonly hash: string; readonly size: number };
  readonly files: readonly FileRead[];
  /** Decisions to carry (`--decisions`), each with a stable id. */
  readonly decisions: readonly { readonly id: string; readonly decision: Decision }[];
  /** The time of the export, ISO. */
  readonly now: string;
  /** The writer's id in the clock stamps. */
  readonly device: string;
}

/** The replica of a config, files and decisions, as the app would hold them after importing the files in this order. */
export function replicaFromFiles(input: ReplicaFromFiles): Replica {
  const t0 = Date.parse(input.now);
  // Import times one millisecond apart, in the order the files were named: the ledger orders readings by them.
  const at = (i: number) => new Date(t0 + i).toISOString();
  const stamp = (iso: string, counter = 0) => formatHlc({ wall: Date.parse(iso), counter, device: input.device });
  const files: StoredFile[] = [
    {
      hash: input.configFile.hash,
      name: input.configFile.name,
      size: input.configFile.size,
      role: 'config',
      format: 'settlewatch.config/1',
      acquirer: null,
      rows: input.config.acquirers.length,
      from: null,
      to: null,
      periods: [],
      warnings: [],
      importedAt: at(0),
    },
  ];
  const chunks: { fileHash: string; txns: StoredTxn[]; bankLines: StoredBankLine[] }[] = [];
  input.files.forEach((f, i) => {
    const { result } = f;
    const { from, to } = coveredDates(result);
    const rows = result.role === 'bank' ? result.bankLines.length : result.acquirerTxns.length;
    files.push({
      hash: f.hash,
      name: f.name,
      size: f.size,
      role: result.role,
      format: result.format,
      acquirer: f.acquirer,
      rows,
      from,
      to,
      periods: result.periods,
      warnings: [...result.issues].sort(issueOrder).slice(0, MAX_ISSUES),
      importedAt: at(i + 1),
    });
    chunks.push({
      fileHash: f.hash,
      txns: f.acquirer === null ? [] : result.acquirerTxns.map(t => storedTxn(t, f.acquirer!, f.hash)),
      bankLines: result.role === 'bank' ? result.bankLines.map(b => ({ ...b, fileHash: f.hash })) : [],
    });
  });
  const configAt = at(0);
  const decisions: StoredDecision[] = input.decisions.map((d, k) => ({ ...d, revokedAt: null, hlc: stamp(input.now, k + 1) }));
  return replicaOf({
    files,
    chunks,
    tables: { config: [{ key: 'current', config: input.config, updatedAt: configAt, hlc: stamp(configAt) }], decisions },
    tombstones: [],
  });
}

/** What the engine needs from a replica, as the readings the files would give, in the ledger's order. */
export interface ReplicaReadings {
  readonly config: Config | null;
  /** Per acquirer profile (in the order of its first file), its files' transactions. */
  readonly acquirers: readonly { readonly acquirer: string; readonly readings: readonly Reading<AcquirerTxn>[] }[];
  readonly statements: readonly (Reading<BankLine> & { readonly periods: readonly StatementPeriod[] })[];
  /** The active decisions, oldest first. */
  readonly decisions: readonly Decision[];
}

/**
 * The readings of a replica: files in the order the ledger reads them (rows captured on a portal page first,
 * never counted complete; then by import time), each file complete when it kept no warning.
 */
export function readingsOf(r: Replica): ReplicaReadings {
  const captured = (f: StoredFile) => f.format === PORTAL_TABLE_FORMAT;
  const files = [...r.files].sort((a, b) => Number(captured(b)) - Number(captured(a)) || a.importedAt.localeCompare(b.importedAt));
  const rowsOf = new Map(r.rows.map(x => [x.fileHash, x]));
  const byAcquirer = new Map<string, Reading<AcquirerTxn>[]>();
  const statements: (Reading<BankLine> & { periods: readonly StatementPeriod[] })[] = [];
  for (const f of files) {
    const rows = rowsOf.get(f.hash);
    const complete = f.warnings.length === 0 && !captured(f);
    if (f.role === 'bank') statements.push({ file: f.name, complete, rows: rows?.bankLines ?? [], periods: f.periods });
    if (!rows) continue;
    const perAcquirer = new Map<string, StoredTxn[]>();
    for (const t of rows.txns) {
      let list = perAcquirer.get(t.acquirer);
      if (!list) perAcquirer.set(t.acquirer, (list = []));
      list.push(t);
    }
    for (const [acquirer, txns] of perAcquirer) {
      let list = byAcquirer.get(acquirer);
      if (!list) byAcquirer.set(acquirer, (list = []));
      list.push({ file: f.name, complete, rows: txns });
    }
  }
  const live = (r.records.config ?? []).find(c => c.id === 'current' && c.value !== null);
  const decisions = (r.records.decisions ?? [])
    .map(d => d.value as unknown as StoredDecision | null)
    .filter((d): d is StoredDecision => d !== null && !d.revokedAt)
    .map(d => d.decision)
    .sort((a, b) => a.at.localeCompare(b.at));
  return {
    config: live ? ((live.value as { config: Config }).config ?? null) : null,
    acquirers: [...byAcquirer].map(([acquirer, readings]) => ({ acquirer, readings })),
    statements,
    decisions,
  };
}
