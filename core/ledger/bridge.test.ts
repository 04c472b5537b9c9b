import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { generateLedger, type GeneratedLedger } from '../../test/support/ledger';
import { openLedgerDb } from '../db/db';
import { createLedgerHandlers, unwrap, type LedgerHandlers } from './index';

let n = 0;
const fresh = () =>
  createLedgerHandlers(openLedgerDb(`bridge-test-${++n}-${Date.now()}`), {
    today: () => '2026-11-26',
    now: () => new Date().toISOString(),
  });

/** A ledger holding the generated files. */
async function importedLedger(generated: GeneratedLedger): Promise<LedgerHandlers> {
  const ledger = fresh();
  const files = generated.manifest.files
    .filter(f => ['config', 'acquirer', 'bank'].includes(f.role))
    .map(f => ({ name: f.path, data: new Uint8Array(readFileSync(join(generated.dir, f.path))) }));
  unwrap(await ledger.importFiles(files));
  return ledger;
}

/** One sync step as the bridge does it: `to` sends its inventory, `from` answers with what `to` lacks, `to` merges it. */
async function send(from: LedgerHandlers, to: LedgerHandlers) {
  const inventory = unwrap(await to.bridgeInventory());
  const payload = unwrap(await from.bridgeLacking(inventory));
  return unwrap(await to.bridgeMerge(payload));
}

describe('the bridge over two ledgers', () => {
  let generated: GeneratedLedger;
  beforeAll(() => {
    generated = generateLedger({ scenario: 'cn', seed: 11, days: 10, txPerDay: 20 });
  });

  test('an empty ledger receives everything, and a second sync adds nothing', async () => {
    const a = await importedLedger(generated);
    const b = fresh();
    const first = await send(a, b);
    expect(first.rows).toBe(generated.manifest.stats.transactions + generated.manifest.stats.bankLines);
    const sa = unwrap(await a.init());
    const sb = unwrap(await b.init());
    expect(sb.statusCounts).toEqual(sa.statusCounts);
    expect(sb.alerts.map(x => x.id).sort()).toEqual(sa.alerts.map(x => x.id).sort());
    expect(await send(a, b)).toEqual({ files: 0, rows: 0, records: 0 });
  });

  test('a decision made on one side reaches the other and changes its alerts', async () => {
    const a = await importedLedger(generated);
    const b = fresh();
    await send(a, b);
    const open = unwrap(await b.init()).alerts.find(x => !x.dismissed)!;
    unwrap(await b.decide({ kind: 'dismiss_alert', alertId: open.id, reason: 'checked by phone' }));
    const back = await send(b, a);
    expect(back.records).toBe(1);
    expect(unwrap(await a.init()).alerts.find(x => x.id === open.id)?.dismissed?.reason).toBe('checked by phone');
  });

  test('refuses an inventory or a replica that is not one, changing nothing', async () => {
    const a = fresh();
    expect(await a.bridgeLacking('not json')).toMatchObject({ ok: false, error: { params: { message: /not JSON/ } } });
    expect(await a.bridgeLacking('{"files":[],"records":{}}')).toMatchObject({ ok: false, error: { params: { message: /shape/ } } });
    expect(await a.bridgeMerge('***')).toMatchObject({ ok: false, error: { params: { message: /not base64/ } } });
    expect((await a.bridgeMerge('AAAA')).ok).toBe(false);
    expect(unwrap(await a.init()).transactionCount).toBe(0);
  });
});
