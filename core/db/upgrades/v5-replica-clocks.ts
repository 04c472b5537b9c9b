// Version 5 of the ledger database: a person's records (decisions, the config, column mappings) carry a
// hybrid logical clock, so two replicas of the ledger merge last-writer-wins (issue 13). Records written
// before have none: each gets one read from its own time (a decision's revocation, else its time; the
// config's update; a mapping's save), stamped with this device's id, which is made here and kept. The
// shapes and the stamp format are named here as they are at version 5 (upgrades import nothing of the project).
import type { Transaction } from 'dexie';

/** A version 4 decision record. */
interface V4Decision {
  readonly id: string;
  readonly decision: { readonly at: string };
  readonly revokedAt: string | null;
  readonly hlc?: string;
}

/** A version 4 config or mapping record: it says when it was written. */
interface V4Timed {
  readonly updatedAt?: string;
  readonly savedAt?: string;
  readonly hlc?: string;
}

/** The version 5 stamp: wall milliseconds (15 digits), counter (6 digits), device. */
function stamp(iso: string | null | undefined, device: string): string {
  const wall = iso ? Date.parse(iso) : NaN;
  return `${String(Number.isFinite(wall) ? wall : 0).padStart(15, '0')}.000000.${device}`;
}

/** Gives every decision, config and mapping a clock, and the device an id. */
export async function upgradeToV5(tx: Transaction): Promise<void> {
  const device = crypto.randomUUID();
  await tx.table('replicaMeta').put({ key: 'device', device });
  await tx
    .table<V4Decision>('decisions')
    .toCollection()
    .modify(d => {
      if (!d.hlc) (d as { hlc?: string }).hlc = stamp(d.revokedAt ?? d.decision.at, device);
    });
  for (const name of ['config', 'mappings']) {
    await tx
      .table<V4Timed>(name)
      .toCollection()
      .modify(r => {
        if (!r.hlc) (r as { hlc?: string }).hlc = stamp(r.updatedAt ?? r.savedAt, device);
      });
  }
}
