/** The identity of the core under `repo`: a hash of its source files (see ledger-code.mjs). */
export function ledgerCode(repo: string): string;
