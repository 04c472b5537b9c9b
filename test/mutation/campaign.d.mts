/** A row's value that differs between the whole file and one cut short, read with no new issue. */
export interface SilentChange {
  readonly line: number;
  readonly id: string;
  readonly fields: string[];
  readonly note: string;
}
/** How a mutated file's reading compares with the whole file's. */
export interface Verdict {
  readonly outcome: 'refused' | 'warned' | 'clean' | 'unstructured';
  readonly unstructured: string[];
  readonly invalid: string[];
  readonly silentChanges: SilentChange[];
  readonly cutLastCell: SilentChange[];
  readonly idChanged: SilentChange[];
  readonly silentLoss: { whole: number; read: number; linked?: SilentChange[] } | null;
}
/** One mutated file. */
export interface MutationCase {
  readonly file: string;
  readonly k: number;
  readonly seed: number;
  readonly mutation: string;
  readonly truncation: boolean;
  readonly note: string;
  readonly bytes: Uint8Array;
}
interface Reading {
  readonly acquirerTxns: readonly object[];
  readonly bankLines: readonly object[];
  readonly issues: readonly { line: number; field: string; message: string; severity: 'error' | 'warning' }[];
}
export const ROOTS: readonly string[];
export const MUTATION_NAMES: readonly string[];
export const TRUNCATIONS: ReadonlySet<string>;
export function inputFiles(repo: string): string[];
export function readInput(repo: string, rel: string): Uint8Array;
export function hash(text: string): number;
export function random(seed: number): { next(): number; int(n: number): number; pick<T>(list: readonly T[]): T };
export function caseSeed(seed: number, file: string, k: number): number;
export function makeCase(bytes: Uint8Array, file: string, seed: number, k: number, rowLines: readonly number[]): MutationCase | null;
export function judge(whole: Reading, result: Reading | undefined, thrown: string | undefined, truncation: boolean): Verdict;
export function rowLinesOf(r: Reading): number[];
