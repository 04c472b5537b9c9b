/** One hostile case: `make(n)` builds its bytes; the test suite uses `n`. */
export interface HostileCase {
  readonly name: string;
  readonly ext: string;
  readonly make: (n: number) => Uint8Array;
  readonly n: number;
  /** What `n` counts. */
  readonly unit: string;
  /** `refused`: at least one error issue; `read`: rows and no error. */
  readonly expect: 'refused' | 'read';
  /** A pattern one error's message matches. */
  readonly issue?: RegExp;
}
export const CASES: readonly HostileCase[];
export function camtDeep(n: number): Uint8Array;
export function ofxDeep(n: number): Uint8Array;
export function qifTiny(n: number): Uint8Array;
