/**
 * A performance mark `settlewatch:<step>` where the runtime keeps them: the browser bench reads a worker's marks to
 * print where a reopen, a first table page or an import spends its time. Nothing in the app reads them.
 */
export function mark(step: string): void {
  globalThis.performance?.mark?.(`settlewatch:${step}`);
}
