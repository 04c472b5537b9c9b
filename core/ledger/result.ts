// One result type for every handler of the ledger: Comlink and chrome messaging drop custom error
// classes, so a failure is plain data — a code the screens translate, with the parameters it needs.
import type { ReplicaFileError } from '../replica/age';

/** A problem with one field of a config, by its path (`acquirers[0].cutoff`). */
export interface FieldIssue {
  readonly path: string;
  readonly message: string;
}

/** Why a handler did not do what it was asked. */
export type LedgerError =
  /** The config (edited, imported or from a preset) has errors; nothing was saved. */
  | { readonly code: 'config_invalid'; readonly params: { readonly issues: readonly FieldIssue[] } }
  /** A column mapping cannot be used as it is; nothing was saved. */
  | { readonly code: 'mapping_invalid'; readonly params: { readonly message: string } }
  /**
   * A case change was refused: `reason` for the screens' words, `name` the case, entry or file it is about,
   * `message` the same in English (for logs and the CLI).
   */
  | { readonly code: 'case_refused'; readonly params: { readonly reason: CaseRefusal; readonly name: string; readonly message: string } }
  /** A replica file could not be opened (wrong passphrase, damaged, not a replica…); nothing was changed. */
  | { readonly code: 'replica_refused'; readonly params: { readonly reason: ReplicaFileError; readonly message: string } }
  /** Something broke underneath (the database, the worker): the message says what. */
  | { readonly code: 'failed'; readonly params: { readonly message: string } };

/** Why a case change was refused. */
export type CaseRefusal = 'not_found' | 'voucher_too_large' | 'voucher_type' | 'voucher_empty' | 'bad_date' | 'note_too_long';

/** What every handler returns. */
export type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: LedgerError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });

export const fail = <T = never>(error: LedgerError): Result<T> => ({ ok: false, error });

/** Runs a handler body, turning anything it throws into a `failed` result. */
export async function attempt<T>(run: () => Result<T> | Promise<Result<T>>): Promise<Result<T>> {
  try {
    return await run();
  } catch (err) {
    return fail({ code: 'failed', params: { message: err instanceof Error ? err.message : String(err) } });
  }
}

/** An error as one line of text (config issues as `path: message`, joined). */
export function errorText(error: LedgerError): string {
  return error.code === 'config_invalid' ? error.params.issues.map(i => `${i.path}: ${i.message}`).join('; ') : error.params.message;
}

/** The value of a result, or an Error with its text (for callers that report failures by throwing). */
export function unwrap<T>(result: Result<T>): T {
  if (result.ok) return result.value;
  throw new Error(errorText(result.error));
}
