import { DEMO_DB_NAME, deleteLedgerDb, LEDGER_DB_NAME } from '../../../core/db/db';
import { LedgerStore } from './ledger.svelte';
import type { WorkerFactory } from './worker-client';

// Remembered across reloads, so a merchant who reloads inside the demo is still told it is the demo.
const DEMO_FLAG = 'settlewatch.demo';

function readFlag(): boolean {
  try {
    return localStorage.getItem(DEMO_FLAG) === '1';
  } catch {
    return false;
  }
}

function writeFlag(on: boolean): void {
  try {
    if (on) localStorage.setItem(DEMO_FLAG, '1');
    else localStorage.removeItem(DEMO_FLAG);
  } catch {
    // Storage refused (a private window): the demo still works, it is only forgotten on reload.
  }
}

/**
 * Which ledger the app shows: the merchant's, or the demo in its own database. The demo is entered and
 * left explicitly; entering starts it afresh, leaving deletes it, and neither touches the merchant's ledger
 * (issue 14: the demo merged into a real ledger took `settled` from 5,179 to 140).
 */
export class LedgerSession {
  ledger = $state.raw<LedgerStore>() as LedgerStore;
  demo = $state(false);
  /** True while the app changes ledgers (the screens wait). */
  switching = $state(false);

  constructor(
    private readonly factory: WorkerFactory | undefined,
    /** Where the demo ledger is served, or null where there is no demo (the extension). */
    readonly demoUrl: string | null,
  ) {
    this.demo = demoUrl !== null && readFlag();
    this.ledger = new LedgerStore(factory, this.demo ? DEMO_DB_NAME : LEDGER_DB_NAME);
  }

  /** Leaves the merchant's ledger for a fresh demo ledger and loads the demo files into it. */
  async enterDemo(): Promise<void> {
    if (!this.demoUrl || this.demo || this.switching) return;
    this.switching = true;
    try {
      this.ledger.destroy();
      await deleteLedgerDb(DEMO_DB_NAME);
      writeFlag(true);
      this.demo = true;
      this.ledger = new LedgerStore(this.factory, DEMO_DB_NAME);
      await this.ledger.loadDemo(this.demoUrl);
    } finally {
      this.switching = false;
    }
  }

  /** Deletes the demo ledger and returns to the merchant's, as it was. */
  async leaveDemo(): Promise<void> {
    if (!this.demo || this.switching) return;
    this.switching = true;
    try {
      this.ledger.destroy();
      await deleteLedgerDb(DEMO_DB_NAME);
      writeFlag(false);
      this.demo = false;
      this.ledger = new LedgerStore(this.factory, LEDGER_DB_NAME);
    } finally {
      this.switching = false;
    }
  }

  /** Stops the ledger shown (when a host unmounts the app). */
  destroy(): void {
    this.ledger.destroy();
  }
}
