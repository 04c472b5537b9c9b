import type { DateOrder } from '../model/date';
import type { Lang } from '../messages/types';

/** Parsed command line of `settlewatch`. */
export interface CliArgs {
  readonly command: string | null;
  readonly files: string[];
  readonly config: string | null;
  /** Acquirer files, each optionally with an explicit profile id (`--acquirer ID=FILE`). */
  readonly acquirer: { file: string; profile?: string }[];
  readonly bank: string[];
  readonly asOf: string | null;
  /** Saved column mappings (a JSON file of MappingProfile objects) for files no built-in format reads. */
  readonly mapping: string | null;
  /** `guess-mapping --role bank|acquirer`. */
  readonly role: 'bank' | 'acquirer';
  /** `--date-order mdy|dmy|ymd`: the order of dates in files that do not state it (QIF). */
  readonly dateOrder: DateOrder | null;
  /** `evidence --alert ID`: the alert whose case the pack is of. */
  readonly alert: string | null;
  /** `evidence --out FILE.zip`, `replica export --out FILE`: where the pack or the replica is written. */
  readonly out: string | null;
  /** `--lang zh|en`: the language of messages; null leaves it to the environment (LC_ALL, LANG). */
  readonly lang: Lang | null;
  /** `reconcile --replica FILE`: reconcile what an encrypted replica file holds. */
  readonly replica: string | null;
  /** A file whose first line is the replica's passphrase (never the passphrase itself on the command line). */
  readonly passphraseFile: string | null;
  /** `replica export --decisions FILE`: a JSON array of decisions to carry. */
  readonly decisions: string | null;
  readonly json: boolean;
  readonly progress: boolean;
  readonly help: boolean;
  readonly errors: string[];
}

/** Reads `settlewatch <command> …`: options may repeat; `--acquirer` and `--bank` take one or more files. */
export function parseArgs(argv: readonly string[]): CliArgs {
  const out: CliArgs = {
    command: null,
    files: [],
    config: null,
    acquirer: [],
    bank: [],
    asOf: null,
    mapping: null,
    role: 'bank',
    dateOrder: null,
    alert: null,
    out: null,
    lang: null,
    replica: null,
    passphraseFile: null,
    decisions: null,
    json: false,
    progress: false,
    help: false,
    errors: [],
  };
  let mode: 'files' | 'acquirer' | 'bank' = 'files';
  const mutable = out as { -readonly [K in keyof CliArgs]: CliArgs[K] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const eq = a.startsWith('--') ? a.indexOf('=') : -1;
    const key = eq > 0 ? a.slice(0, eq) : a;
    const value = (): string | null => {
      if (eq > 0) return a.slice(eq + 1);
      const v = argv[i + 1];
      if (v === undefined || v.startsWith('--')) {
        out.errors.push(`${key} needs a value`);
        return null;
      }
      i++;
      return v;
    };
    /** The option's value when it is one of `allowed`; otherwise an error saying what it must be, and null. */
    const oneOf = <T extends string>(allowed: readonly T[], must: string): T | null => {
      const v = value();
      if (v === null) return null;
      if ((allowed as readonly string[]).includes(v)) return v as T;
      out.errors.push(`${key} must be ${must}, found "${v}"`);
      return null;
    };
    switch (key) {
      case '--json':
        mutable.json = true;
        mode = 'files';
        break;
      case '--progress':
        mutable.progress = true;
        break;
      case '-h':
      case '--help':
        mutable.help = true;
        break;
      case '--config':
        mutable.config = value();
        mode = 'files';
        break;
      case '--as-of':
        mutable.asOf = value();
        mode = 'files';
        break;
      case '--alert':
        mutable.alert = value();
        mode = 'files';
        break;
      case '--out':
        mutable.out = value();
        mode = 'files';
        break;
      case '--mapping':
        mutable.mapping = value();
        mode = 'files';
        break;
      case '--role':
        mutable.role = oneOf(['bank', 'acquirer'], 'bank or acquirer') ?? out.role;
        mode = 'files';
        break;
      case '--date-order':
        mutable.dateOrder = oneOf(['mdy', 'dmy', 'ymd'], 'mdy, dmy or ymd') ?? out.dateOrder;
        mode = 'files';
        break;
      case '--lang':
        mutable.lang = oneOf(['zh', 'en'], 'zh or en') ?? out.lang;
        mode = 'files';
        break;
      case '--replica':
        mutable.replica = value();
        mode = 'files';
        break;
      case '--passphrase-file':
        mutable.passphraseFile = value();
        mode = 'files';
        break;
      case '--decisions':
        mutable.decisions = value();
        mode = 'files';
        break;
      case '--passphrase':
        // A passphrase given as an argument stays in the shell's history and shows in the process list.
        out.errors.push('--passphrase is not taken on the command line: give --passphrase-file FILE, or leave it out to be asked');
        if (eq < 0 && argv[i + 1] !== undefined && !argv[i + 1]!.startsWith('--')) i++;
        break;
      case '--acquirer':
        mode = 'acquirer';
        if (eq > 0) pushAcquirer(a.slice(eq + 1));
        break;
      case '--bank':
        mode = 'bank';
        if (eq > 0) out.bank.push(a.slice(eq + 1));
        break;
      default:
        if (a.startsWith('--')) {
          out.errors.push(`unknown option ${a}`);
          break;
        }
        if (out.command === null) {
          mutable.command = a;
          break;
        }
        if (mode === 'acquirer') pushAcquirer(a);
        else if (mode === 'bank') out.bank.push(a);
        else out.files.push(a);
    }
  }
  return out;

  function pushAcquirer(spec: string) {
    // `ID=FILE` names the profile explicitly; a plain path may itself contain '=' only after a slash.
    const m = /^([A-Za-z0-9_.-]+)=(.+)$/.exec(spec);
    if (m && !m[1]!.includes('/')) out.acquirer.push({ file: m[2]!, profile: m[1]! });
    else out.acquirer.push({ file: spec });
  }
}
