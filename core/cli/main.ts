import { createHash, randomUUID } from 'node:crypto';
import { statSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { validateConfig } from '../config/validate';
import type { Config } from '../config/types';
import { guessMapping, profileProblem, UNKNOWN_CURRENCY, type MappingProfile } from '../import/mapping/index';
import { isIsoDate, type DateOrder } from '../model/date';
import { formatMinor } from '../model/money';
import { mergeBankReadings, mergeReadings, mergeTxnReadings, txnChanges, type Merged, type Reading } from '../import/identity';
import type { AcquirerTxn, BankLine, ParseResult, StatementPeriod } from '../model/types';
import { deviceToday } from '../ledger/clock';
import { evidencePack, unknownAlert, type LedgerFile } from './evidence';
import { assignAcquirer } from '../reconcile/assign';
import { reconcile } from '../reconcile/engine';
import { ALERT_KINDS, STATUSES, type Reconciliation } from '../reconcile/types';
import { CATALOGS, langFromEnv, renderIssue, type Lang } from '../messages/index';
import type { Decision } from '../reconcile/types';
import { openReplicaFile, writeReplicaFile } from '../replica/age';
import { readingsOf, replicaFromFiles } from '../replica/files';
import { writeReport } from '../export/report';
import { parseArgs } from './args';
import { JsonBytes, Out, writeAll } from './output';
import { askPassphrase, PassphraseError, passphraseFromFile } from './passphrase';
import { readAll, readBytes, UnreadableFile, type ReadTask } from './read';
import { DecisionsError, readDecisions, replicaRefusal } from './replica';

const USAGE = `usage:
  settlewatch import FILE… [--mapping PROFILES.json] [--date-order mdy|dmy|ymd] [--lang zh|en] [--json]
  settlewatch reconcile --config CONFIG --acquirer [ID=]FILE… --bank FILE… [--as-of YYYY-MM-DD] [--mapping PROFILES.json] [--date-order mdy|dmy|ymd] [--lang zh|en] [--json] [--progress]
  settlewatch reconcile --replica FILE [--passphrase-file FILE] [--as-of YYYY-MM-DD] [--lang zh|en] [--json] [--progress]
  settlewatch evidence --config CONFIG --acquirer [ID=]FILE… --bank FILE… --alert ALERT_ID --out FILE.zip [--as-of YYYY-MM-DD] [--lang zh|en]
  settlewatch replica export --config CONFIG --acquirer [ID=]FILE… --bank FILE… [--decisions FILE] --out FILE [--passphrase-file FILE]
  settlewatch guess-mapping FILE [--role bank|acquirer]

import     reads files of any supported format and prints what it understood (settlewatch.import/1 with --json)
reconcile  matches acquirer transactions with bank credits and prints statuses and alerts (settlewatch.report/1 with --json);
           with --replica, what an encrypted replica file holds (the app's Settings export one), with its decisions
evidence   writes the evidence pack of one alert (its "id" in the report): printable summary and letters, CSVs, source hashes
replica export  writes the files (and decisions, a JSON array) as one encrypted replica file the app imports;
           the passphrase comes from the first line of --passphrase-file, or is asked on the terminal, never an argument
--lang     the language of alert and issue messages (zh or en); without it, zh when LC_ALL or LANG starts with zh, else en
--date-order   the order of dates in files that do not state it (QIF); without it the order is read from the dates
guess-mapping  prints a first guess of the column mapping for a CSV/XLSX no built-in format reads; check it, save it
           in a JSON array and pass it with --mapping: files with the same header are then read with it`;

class CliError extends Error {}

/** A JSON file's value; unreadable or invalid JSON is a CLI error naming the file. */
function readJson(path: string): unknown {
  const text = new TextDecoder('utf-8').decode(readBytes(path));
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new CliError(`${path}: not valid JSON (${(err as Error).message})`);
  }
}

/** Saved column mappings from --mapping, tried for files no built-in format recognises. */
let savedMappings: MappingProfile[] = [];

function loadMappings(path: string | null): void {
  if (path === null) return;
  const json = readJson(path);
  const list = Array.isArray(json) ? json : [json];
  list.forEach((p, i) => {
    const problem =
      typeof p === 'object' && p !== null && 'columns' in p && 'headerKey' in p
        ? profileProblem(p as MappingProfile)
        : 'is not a column mapping (see settlewatch guess-mapping)';
    if (problem) throw new CliError(`${path}: [${i}]: ${problem}`);
  });
  savedMappings = list as MappingProfile[];
}

/** The command line's own bundle: worker threads run it too (see entry.ts). */
let script: URL | null = null;
/** The language of messages: --lang, else the environment. */
let lang: Lang = 'en';

/** A file to read, with the date order --date-order gives. */
function task(path: string, dateOrder: DateOrder | null): ReadTask {
  return dateOrder ? { path, dateOrder } : { path };
}

/** Reads every file of a command, in order; an unreadable file or one with error issues stops the command. */
async function readFiles(tasks: readonly ReadTask[], progress: boolean): Promise<ParseResult[]> {
  const results = await readAll(tasks, { mappings: savedMappings, progress, script: script! });
  return results.map((r, i) => {
    if (r instanceof UnreadableFile) throw new CliError(r.message);
    return refuseOnErrors(tasks[i]!.path, r);
  });
}

function refuseOnErrors(path: string, result: ParseResult): ParseResult {
  const errors = result.issues.filter(i => i.severity === 'error');
  if (errors.length) {
    const lines = errors.slice(0, 20).map(i => `${path}:${i.line}: ${i.field}: ${renderIssue(i, lang)}`);
    if (errors.length > 20) lines.push(`${path}: … and ${errors.length - 20} more errors`);
    throw new CliError(lines.join('\n'));
  }
  for (const w of result.issues.slice(0, 5))
    process.stderr.write(`settlewatch: warning: ${path}:${w.line}: ${w.field}: ${renderIssue(w, lang)}\n`);
  return result;
}

/** Rows read differently in two files: which reading was kept, on stderr like the files' own warnings. */
function warnChanges(changes: Merged<unknown>['changes']): void {
  for (const { file, issue } of changes.slice(0, 20))
    process.stderr.write(`settlewatch: warning: ${file}:${issue.line}: ${issue.field}: ${renderIssue(issue, lang)}\n`);
  if (changes.length > 20)
    process.stderr.write(`settlewatch: warning: … and ${changes.length - 20} more rows read differently in two files\n`);
}

async function importCommand(files: string[], json: boolean, progress: boolean, dateOrder: DateOrder | null): Promise<void> {
  if (files.length === 0) throw new CliError(`import needs at least one file\n${USAGE}`);
  const results = (
    await readFiles(
      files.map(path => task(path, dateOrder)),
      progress,
    )
  ).map((result, i) => ({ path: files[i]!, result }));
  const out = new Out();
  if (!json) {
    for (const { path, result } of results) {
      const rows = result.role === 'bank' ? result.bankLines.length : result.acquirerTxns.length;
      out.write(`${path}\n  format ${result.format} (${result.role}), ${rows} rows, ${result.issues.length} warnings\n`);
    }
    out.flush();
    return;
  }
  out.write(`{"schema":"settlewatch.import/1","files":[`);
  results.forEach(({ path, result }, k) => {
    const rows = result.role === 'bank' ? result.bankLines.length : result.acquirerTxns.length;
    out.write(
      `${k ? ',' : ''}${JSON.stringify({ path, format: result.format, role: result.role, rows, issues: result.issues.map(i => ({ line: i.line, field: i.field, message: renderIssue(i, lang), severity: i.severity, ...(i.code === undefined ? {} : { code: i.code, params: i.params }) })) })}`,
    );
  });
  // The rows of all files, each fact once (identity.ts). Without a config there is no acquirer profile:
  // a transaction is its merchant number and reference.
  const readingOf = <T>({ path, result }: (typeof results)[number], rows: readonly T[]) => ({
    file: path,
    complete: result.issues.length === 0,
    rows,
    periods: result.periods,
  });
  const bank = mergeBankReadings(results.map(r => readingOf(r, r.result.bankLines)));
  const txns = mergeReadings(
    results.map(r => readingOf(r, r.result.acquirerTxns)),
    t => `${t.merchantId}\u0000${t.id}`,
    txnChanges,
  );
  warnChanges([...bank.changes, ...txns.changes]);
  out.write(`],"bankLines":[`);
  bank.rows.forEach((l, k) => {
    out.write(
      (k ? ',' : '') +
        JSON.stringify({
          id: l.id,
          account: l.account,
          bookedOn: l.bookedOn,
          valueOn: l.valueOn,
          amountMinor: l.amountMinor,
          currency: l.currency,
          counterparty: l.counterparty,
          description: l.description,
        }),
    );
  });
  out.write(`],"acquirerTxns":[`);
  txns.rows.forEach((t, k) => {
    out.write(
      (k ? ',' : '') +
        JSON.stringify({
          id: t.id,
          kind: t.kind,
          at: t.at,
          grossMinor: t.grossMinor,
          feeMinor: t.feeMinor,
          netMinor: t.netMinor,
          currency: t.currency,
          merchantId: t.merchantId,
          terminal: t.terminal,
          card: t.card,
          payoutId: t.payoutId,
          settlementDate: t.settlementDate,
        }),
    );
  });
  out.write(`]}\n`);
  out.flush();
}

function loadConfig(path: string): Config {
  const checked = validateConfig(readJson(path));
  if (!checked.ok) throw new CliError(checked.issues.map(i => `${path}: ${i.path}: ${i.message}`).join('\n'));
  return checked.config;
}

type Args = ReturnType<typeof parseArgs>;

/** Prints progress lines on stderr when asked, or by itself when the input is big. */
function progressSayer(progress: boolean): (msg: string) => void {
  const started = Date.now();
  return msg => {
    if (progress) process.stderr.write(`settlewatch: ${msg} (${((Date.now() - started) / 1000).toFixed(1)} s)\n`);
  };
}

/** The total size of some files (those that cannot be read count 0: reading them names them). */
function totalSize(paths: readonly string[]): number {
  return paths.reduce((sum, f) => {
    try {
      return sum + statSync(f).size;
    } catch {
      return sum;
    }
  }, 0);
}

/** The exports (each assigned to a profile) and statements a command names, read and checked. */
interface Inputs {
  readonly exports: { readonly file: string; readonly result: ParseResult; readonly acquirer: string }[];
  readonly statements: { readonly file: string; readonly result: ParseResult }[];
}

async function readInputs(args: Args, config: Config, progress: boolean, say: (msg: string) => void): Promise<Inputs> {
  const tasks: ReadTask[] = args.acquirer.map(({ file, profile }) => {
    const timezone = profile ? config.acquirers.find(a => a.id === profile)?.timezone : undefined;
    return timezone ? { ...task(file, args.dateOrder), timezone } : task(file, args.dateOrder);
  });
  const results = await readFiles([...tasks, ...args.bank.map(path => task(path, args.dateOrder))], progress);
  const exports = args.acquirer.map(({ file, profile }, k) => {
    const result = results[k]!;
    if (result.role !== 'acquirer')
      throw new CliError(`${file}:1: (file): this is a ${result.format} bank statement, not an acquirer export`);
    const assigned = assignAcquirer(result, config, profile);
    if (!assigned.ok) throw new CliError(`${file}:${assigned.line ?? 1}: ${assigned.field ?? '(file)'}: ${assigned.message}`);
    say(`read ${file}: ${result.acquirerTxns.length} transactions (${result.format} → ${assigned.acquirer})`);
    return { file, result, acquirer: assigned.acquirer };
  });
  const statements = args.bank.map((file, k) => {
    const result = results[args.acquirer.length + k]!;
    if (result.role !== 'bank') throw new CliError(`${file}:1: (file): this is a ${result.format} acquirer export, not a bank statement`);
    say(`read ${file}: ${result.bankLines.length} bank lines (${result.format})`);
    return { file, result };
  });
  return { exports, statements };
}

/** The files of a `reconcile` or `evidence` command, read, assigned to profiles and merged, and their reconciliation. */
interface ReadLedger extends Reconciled {
  readonly config: Config;
  /** Every file given, with what it read (for the files a case rests on). */
  readonly files: readonly LedgerFile[];
  /** Says how far the command got, on stderr, when it reports progress. */
  readonly say: (msg: string) => void;
}

/** Reads the config and files a command names (--config, --acquirer, --bank) and reconciles them. */
async function readLedger(command: string, args: Args, streamTransactions: boolean): Promise<ReadLedger> {
  if (!args.config) throw new CliError(`${command} needs --config\n${USAGE}`);
  if (args.acquirer.length === 0) throw new CliError(`${command} needs at least one --acquirer file\n${USAGE}`);
  checkAsOf(args);
  const config = loadConfig(args.config);
  // Long runs report progress on stderr by themselves: a year of transactions is tens of megabytes.
  const progress = args.progress || totalSize([...args.acquirer.map(a => a.file), ...args.bank]) > 32 * 2 ** 20;
  const say = progressSayer(progress);
  const { exports, statements } = await readInputs(args, config, progress, say);
  // Each profile's files, merged by identity (identity.ts): a file given twice, a renamed copy or two
  // overlapping exports count every transaction once; a changed row keeps the complete reading.
  const byProfile = new Map<string, Reading<AcquirerTxn>[]>();
  for (const { file, result, acquirer } of exports) {
    let list = byProfile.get(acquirer);
    if (!list) byProfile.set(acquirer, (list = []));
    list.push({ file, complete: result.issues.length === 0, rows: result.acquirerTxns });
  }
  const reconciled = reconcileReadings(
    args,
    config,
    {
      acquirers: [...byProfile].map(([acquirer, readings]) => ({ acquirer, readings })),
      statements: statements.map(({ file, result }) => ({
        file,
        complete: result.issues.length === 0,
        rows: result.bankLines,
        periods: result.periods,
      })),
      decisions: [],
      say,
    },
    streamTransactions,
  );
  const files: LedgerFile[] = [
    ...exports.map(({ file, result, acquirer }) => ({ path: file, acquirer, result })),
    ...statements.map(({ file, result }) => ({ path: file, acquirer: null, result })),
  ];
  return { config, ...reconciled, files, say };
}

async function reconcileCommand(args: Args): Promise<void> {
  if (args.replica !== null) return reconcileReplica(args);
  const { config, rec, say } = await readLedger('reconcile', args, args.json);
  printReconciliation(args, rec, config, say);
}

/** `settlewatch evidence`: the evidence pack of one alert of the report, as a ZIP file. */
async function evidenceCommand(args: Args): Promise<void> {
  if (!args.alert) throw new CliError(`evidence needs --alert ALERT_ID (the "id" of an alert in settlewatch reconcile --json)\n${USAGE}`);
  if (!args.out) throw new CliError(`evidence needs --out FILE.zip\n${USAGE}`);
  const ledger = await readLedger('evidence', args, false);
  const alert = ledger.rec.report.alerts.find(a => a.id === args.alert);
  if (!alert) throw new CliError(unknownAlert(args.alert, ledger.rec.report.alerts));
  const pack = evidencePack(ledger, alert, lang, deviceToday());
  try {
    writeFileSync(args.out, pack.bytes);
  } catch (err) {
    throw new CliError(`${args.out}: cannot write the pack (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
  }
  process.stderr.write(`settlewatch: wrote ${args.out} (${pack.bytes.length} bytes) for alert ${alert.id}\n`);
}

function checkAsOf(args: Args): void {
  if (args.asOf !== null && !isIsoDate(args.asOf)) throw new CliError(`--as-of must be a real date YYYY-MM-DD, found "${args.asOf}"`);
}

/** The passphrase of a replica file: --passphrase-file, else asked on the terminal. */
async function passphraseOf(args: Args, confirm: boolean): Promise<string> {
  try {
    return args.passphraseFile !== null ? passphraseFromFile(args.passphraseFile) : await askPassphrase(confirm);
  } catch (err) {
    if (err instanceof PassphraseError) throw new CliError(err.message);
    throw err;
  }
}

/** `reconcile --replica FILE`: what an encrypted replica holds, with its decisions, through the same engine and report. */
async function reconcileReplica(args: Args): Promise<void> {
  if (args.config || args.acquirer.length || args.bank.length)
    throw new CliError('--replica reconciles what the replica file holds: give no --config, --acquirer or --bank with it');
  checkAsOf(args);
  const path = args.replica!;
  const bytes = readBytes(path);
  const passphrase = await passphraseOf(args, false);
  const say = progressSayer(args.progress || bytes.length > 8 * 2 ** 20);
  const opened = await openReplicaFile(bytes, passphrase, p => {
    if (p.share === 1) say(`${p.stage} done`);
  });
  if (!opened.ok) throw new CliError(`${path}: ${replicaRefusal(opened.code, lang)} (${opened.detail})`);
  const held = readingsOf(opened.replica);
  if (!held.config) throw new CliError(`${path}: the replica holds no config`);
  const { rec } = reconcileReadings(args, held.config, { ...held, say }, args.json);
  printReconciliation(args, rec, held.config, say);
}

/** A reconciliation and the merged rows it was made of. */
interface Reconciled {
  readonly rec: Reconciliation;
  readonly acquirers: { readonly acquirer: string; readonly txns: AcquirerTxn[] }[];
  readonly bankLines: BankLine[];
}

/** Merges the readings and reconciles them (the transactions streamed when only the report JSON needs them). */
function reconcileReadings(
  args: Args,
  config: Config,
  input: {
    readonly acquirers: readonly { readonly acquirer: string; readonly readings: readonly Reading<AcquirerTxn>[] }[];
    readonly statements: readonly (Reading<BankLine> & { readonly periods: readonly StatementPeriod[] })[];
    readonly decisions: readonly Decision[];
    readonly say: (msg: string) => void;
  },
  streamTransactions: boolean,
): Reconciled {
  const acquirers = input.acquirers.map(({ acquirer, readings }) => {
    const merged = mergeTxnReadings(readings);
    warnChanges(merged.changes);
    return { acquirer, txns: merged.rows };
  });
  const { rows: bankLines, periods, changes } = mergeBankReadings(input.statements);
  warnChanges(changes);
  const rec = reconcile({
    config,
    acquirers,
    bankLines,
    periods,
    decisions: input.decisions,
    asOf: args.asOf,
    streamTransactions,
    onProgress: (stage, share) => {
      if (share === 1) input.say(`${stage} done`);
    },
  });
  return { rec, acquirers, bankLines };
}

/** Prints the report (--json) or the summary. */
function printReconciliation(args: Args, rec: Reconciliation, config: Config, say: (msg: string) => void): void {
  if (args.json) writeReportJson(rec);
  else writeSummary(rec, config);
  say('report written');
}

/** `replica export`: an encrypted replica file of a config, exports, statements and decisions, as the app would hold them. */
async function replicaCommand(args: Args): Promise<void> {
  if (args.files[0] !== 'export' || args.files.length > 1) throw new CliError(`replica needs the subcommand export\n${USAGE}`);
  if (!args.config) throw new CliError(`replica export needs --config\n${USAGE}`);
  if (!args.out) throw new CliError(`replica export needs --out FILE\n${USAGE}`);
  if (args.acquirer.length === 0 && args.bank.length === 0) throw new CliError(`replica export needs --acquirer or --bank files\n${USAGE}`);
  const config = loadConfig(args.config);
  let decisions: { id: string; decision: Decision }[] = [];
  try {
    if (args.decisions !== null) decisions = readDecisions(args.decisions, readJson(args.decisions));
  } catch (err) {
    if (err instanceof DecisionsError) throw new CliError(err.message);
    throw err;
  }
  const passphrase = await passphraseOf(args, true);
  const progress = args.progress || totalSize([...args.acquirer.map(a => a.file), ...args.bank]) > 32 * 2 ** 20;
  const say = progressSayer(progress);
  const { exports, statements } = await readInputs(args, config, progress, say);
  const identity = (path: string) => {
    const bytes = readBytes(path);
    return { name: basename(path), hash: createHash('sha256').update(bytes).digest('hex'), size: bytes.length };
  };
  const replica = replicaFromFiles({
    config,
    configFile: identity(args.config),
    files: [
      ...exports.map(({ file, result, acquirer }) => ({ ...identity(file), result, acquirer })),
      ...statements.map(({ file, result }) => ({ ...identity(file), result, acquirer: null })),
    ],
    decisions,
    now: new Date().toISOString(),
    device: `cli-${randomUUID()}`,
  });
  const bytes = await writeReplicaFile(replica, passphrase, new Date().toISOString(), p => {
    if (p.share === 1) say(`${p.stage} done`);
  });
  writeFileSync(args.out, bytes, { mode: 0o600 });
  const txns = replica.rows.reduce((s, r) => s + r.txns.length, 0);
  const lines = replica.rows.reduce((s, r) => s + r.bankLines.length, 0);
  process.stderr.write(
    `settlewatch: wrote ${args.out}: ${replica.files.length} files, ${txns} transactions, ${lines} bank lines, ${decisions.length} decisions, ${(bytes.length / 2 ** 20).toFixed(1)} MiB\n`,
  );
}

/** Writes settlewatch.report/1 to standard output in pieces (core/export/report.ts, shared with the apps' export). */
function writeReportJson(rec: Reconciliation): void {
  const out = new JsonBytes();
  writeReport(rec, lang, out);
  out.flush();
}

/** A terminal's columns for `text`: Chinese characters (and other wide ones) take two. */
function cells(text: string): number {
  let n = 0;
  for (const ch of text)
    n += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return n;
}
const padEnd = (text: string, width: number) => text + ' '.repeat(Math.max(0, width - cells(text)));
const padStart = (text: string, width: number) => ' '.repeat(Math.max(0, width - cells(text))) + text;

/** The summary table in the chosen language (English: as it has always printed). */
function writeSummary(rec: Reconciliation, config: Config): void {
  const { report } = rec;
  const w = CATALOGS[lang].summary;
  const lines: string[] = [w.title(report.asOf), ''];
  const counts = new Map<string, number>();
  for (const t of report.transactions) counts.set(t.status, (counts.get(t.status) ?? 0) + 1);
  lines.push(w.statuses);
  for (const s of STATUSES) lines.push(`  ${padEnd(w.status(s), 14)} ${String(counts.get(s) ?? 0).padStart(9)}`);
  lines.push('', w.alerts);
  const c = w.columns;
  lines.push(
    `  ${padEnd(c.kind, 18)} ${padStart(c.critical, 9)} ${padStart(c.warning, 9)} ${padStart(c.info, 9)} ${padStart(c.amount, 16)}`,
  );
  for (const kind of ALERT_KINDS) {
    const of = report.alerts.filter(a => a.kind === kind);
    const by = (s: string) => String(of.filter(a => a.severity === s).length).padStart(9);
    const amounts = new Map<string, number>();
    for (const a of of) amounts.set(a.currency, (amounts.get(a.currency) ?? 0) + a.amountMinor);
    const amount = [...amounts].map(([cur, m]) => `${formatMinor(m)} ${cur}`).join(', ') || '-';
    lines.push(`  ${padEnd(w.kind(kind), 18)} ${by('critical')} ${by('warning')} ${by('info')} ${amount.padStart(16)}`);
  }
  lines.push('', w.coverage);
  if (!report.coverage.length) lines.push(`  ${w.noStatement}`);
  for (const cov of report.coverage) {
    const spans = (list: readonly (readonly [string, string])[]) => list.map(([a, b]) => (a === b ? a : `${a}..${b}`)).join(', ') || '-';
    const account = cov.account || w.noAccount;
    lines.push(`  ${account}: ${w.covered} ${spans(cov.covered)}`);
    lines.push(`  ${' '.repeat(cells(account))}  ${padEnd(w.gaps, cells(w.covered))} ${spans(cov.gaps)}`);
    for (const h of cov.holes) lines.push(`    ${w.hole(`${h.file ?? ''}:${h.line}`, h.reason, h.from, h.to)}`);
  }
  for (const a of report.alerts) {
    if (a.kind === 'coverage_gap') lines.push(`  ${w.importGap(a.account ?? '', a.from ?? '', a.to ?? '', a.transactionIds.length)}`);
  }
  lines.push('', w.outstanding);
  for (const p of config.acquirers) {
    const mine = rec.batches.filter(b => b.acquirer === p.id);
    const linked = new Set(rec.links.flatMap(l => l.batchIds));
    const outstanding = mine.filter(b => !linked.has(b.id) && b.transactionCount > 0 && b.netMinor > 0);
    const total = outstanding.reduce((sum, b) => sum + b.netMinor, 0);
    lines.push(`  ${padEnd(p.name || p.id, 18)} ${formatMinor(total).padStart(16)} ${p.currency}  ${w.inBatches(outstanding.length)}`);
  }
  writeAll(1, lines.join('\n') + '\n');
}

function guessCommand(files: string[], role: 'bank' | 'acquirer'): void {
  if (files.length !== 1) throw new CliError(`guess-mapping needs exactly one file\n${USAGE}`);
  const profile = guessMapping(readBytes(files[0]!), role);
  const problem = profileProblem(profile);
  if (problem) process.stderr.write(`settlewatch: warning: ${files[0]}: the guess is incomplete: ${problem}\n`);
  if (profile.columns.currency === undefined && profile.defaultCurrency === UNKNOWN_CURRENCY) {
    process.stderr.write(
      `settlewatch: note: ${files[0]}: the file prints no currency; set "defaultCurrency" (e.g. "EUR") before using the mapping\n`,
    );
  }
  writeAll(1, JSON.stringify([profile], null, 2) + '\n');
}

/** Runs the command line; returns the exit code. `bundle` is the command line's own script (for worker threads). */
export async function main(argv: readonly string[], bundle: URL): Promise<number> {
  script = bundle;
  const args = parseArgs(argv);
  lang = args.lang ?? langFromEnv(process.env);
  if (args.help || args.command === null) {
    writeAll(args.help ? 1 : 2, USAGE + '\n');
    return args.help ? 0 : 2;
  }
  try {
    if (args.errors.length) throw new CliError(`${args.errors.join('\n')}\n${USAGE}`);
    loadMappings(args.mapping);
    if (args.command === 'import') await importCommand(args.files, args.json, args.progress, args.dateOrder);
    else if (args.command === 'guess-mapping') guessCommand(args.files, args.role);
    else if (args.command === 'reconcile') await reconcileCommand(args);
    else if (args.command === 'evidence') await evidenceCommand(args);
    else if (args.command === 'replica') await replicaCommand(args);
    else throw new CliError(`unknown command "${args.command}"\n${USAGE}`);
    return 0;
  } catch (err) {
    if (err instanceof CliError || err instanceof UnreadableFile) {
      process.stderr.write(`settlewatch: ${err.message}\n`);
      return 1;
    }
    throw err;
  }
}
