/** Splits a generated cn ledger into the days before its last one and that last day alone (paths written). */
export function splitLastDay(
  dir: string,
  manifest: { period: { to: string }; files: { path: string; role: string }[] },
  outDir: string,
): { base: string[]; day: string[]; lastDay: string };
