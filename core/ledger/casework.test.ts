import 'fake-indexeddb/auto';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, test } from 'vitest';
import { openLedgerDb } from '../db/db';
import { makeConfig, makeTxn } from '../../test/support/factories';
import type { Config } from '../config/types';
import type { StoredTxn } from '../db/schema';
import { membershipOf } from './casework';
import { DerivedLedger } from './derived-store';
import { createLedgerHandlers, unwrap, type ImportSource } from './index';

const GEN = fileURLToPath(new URL('../../test/tools/gen-ledger.mjs', import.meta.url));
const enc = (text: string) => new TextEncoder().encode(text);

/** A generated US ledger, and its bank statement with one Stripe payout's credit cut out (OFX shows no hole for it). */
interface Ledger {
  readonly config: ImportSource;
  readonly export: ImportSource;
  readonly fullStatement: ImportSource;
  readonly cutStatement: ImportSource;
  /** The cut credit. */
  readonly creditId: string;
  readonly creditMinor: number;
}

function generate(): Ledger {
  const dir = mkdtempSync(join(tmpdir(), 'settlewatch-cases-'));
  const run = spawnSync(process.execPath, [GEN, '--scenario', 'us', '--seed', '5', '--days', '15', '--tx-per-day', '30', '--out', dir], {
    encoding: 'utf8',
  });
  if (run.status !== 0) throw new Error(run.stderr);
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { files: { path: string; role: string }[] };
  const path = (role: string) => join(dir, manifest.files.find(f => f.role === role)!.path);
  const exportText = readFileSync(path('acquirer'), 'utf8');
  const ofx = readFileSync(path('bank'), 'utf8');
  const blocks = [...ofx.matchAll(/<STMTTRN>[\s\S]*?<\/STMTTRN>\s*/g)].map(m => m[0]);
  // A payout credit of the export's period, booked early enough to be missing by the statement's end.
  const cut = blocks.find(b => {
    const day = /<DTPOSTED>(\d{8})/.exec(b)?.[1] ?? '';
    return b.includes('<NAME>STRIPE TRANSFER') && day >= '20260107' && day <= '20260112';
  })!;
  return {
    config: { name: 'config.json', data: new Uint8Array(readFileSync(path('config'))) },
    export: { name: 'stripe.csv', data: enc(exportText) },
    fullStatement: { name: 'statement-full.ofx', data: enc(ofx) },
    cutStatement: { name: 'statement.ofx', data: enc(ofx.replace(cut, '')) },
    creditId: /<FITID>(\w+)/.exec(cut)![1]!,
    creditMinor: Math.round(Number(/<TRNAMT>([\d.]+)/.exec(cut)![1]) * 100),
  };
}

let n = 0;
let tick = 0;
function handlers(name: string, today = '2026-01-20') {
  // A clock that moves on with every stamp (across reloads), so entries written one after another keep their order.
  const now = () => new Date(Date.UTC(2026, 0, 20, 9, 0, tick++)).toISOString();
  return createLedgerHandlers(openLedgerDb(name), { today: () => today, now });
}

describe('casework over a ledger', () => {
  let ledger: Ledger;
  beforeAll(() => {
    ledger = generate();
  });

  async function withMissingCredit() {
    const name = `cases-${++n}-${Date.now()}`;
    const h = handlers(name);
    unwrap(await h.importFiles([ledger.config, ledger.export, ledger.cutStatement]));
    const summary = unwrap(await h.init());
    const alert = summary.alerts.find(a => a.kind === 'missing_credit' && a.amountMinor === ledger.creditMinor);
    expect(alert, `a missing credit of ${ledger.creditMinor}`).toBeDefined();
    const { caseId, opened } = unwrap(await h.openCaseFor(alert!.id));
    expect(opened).toBe(true);
    // Stripe prints the payout on every row: the batch is the payout.
    const payout = alert!.id.slice('missing_credit:stripe|'.length);
    return { name, h, alert: alert!, caseId, payout };
  }

  test('opens one case per subject, advises the bank first when the export prints the payout, and quotes its reference', async () => {
    const { h, alert, caseId, payout } = await withMissingCredit();
    expect(payout).toMatch(/^po_/);
    expect(caseId).toBe(`credit:stripe|${payout}`);
    expect(unwrap(await h.openCaseFor(alert.id))).toEqual({ caseId, opened: false });
    const view = unwrap(await h.caseView(caseId))!;
    expect(view.record.status).toBe('open');
    expect(view.detail?.alert?.id).toBe(alert.id);
    expect(view.advice).toMatchObject({ code: 'missing_paid', first: 'bank', params: { payoutRef: payout, account: '4839201765' } });
    expect(view.entries.map(e => e.source === 'engine' && e.event.kind)).toEqual(['raised']);
    expect(view.checklist.find(i => i.step === 'check_account')).toMatchObject({ done: true, by: 'data', shownBy: 'statement_covers' });
    expect(view.checklist.find(i => i.step === 'check_records')).toMatchObject({ done: true, by: 'data' });
  });

  test("keeps the merchant's status, timeline and follow-up through a reload and a re-import, then resolves itself when the credit comes", async () => {
    const { name, h, caseId } = await withMissingCredit();
    unwrap(await h.addCaseEntry(caseId, { action: 'called', whom: 'bank', on: '2026-01-19', note: 'branch says nothing came in' }));
    unwrap(await h.setCaseStatus(caseId, 'asked_bank'));
    unwrap(await h.setFollowUp(caseId, '2026-01-20'));
    expect(unwrap(await h.init()).followUps).toMatchObject([{ caseId, followUpOn: '2026-01-20', status: 'asked_bank' }]);

    // Reload: new handlers over the same database; then the same files again (nothing changes).
    const again = handlers(name);
    unwrap(await again.importFiles([ledger.config, ledger.export, ledger.cutStatement]));
    const kept = unwrap(await again.caseView(caseId))!;
    expect(kept.record).toMatchObject({ status: 'asked_bank', followUpOn: '2026-01-20' });
    expect(kept.due).toBe(true);
    expect(kept.entries.map(e => (e.source === 'merchant' ? e.note : e.event.kind))).toEqual(['raised', 'branch says nothing came in']);
    expect(kept.checklist.find(i => i.step === 'contact_bank')).toMatchObject({
      done: true,
      by: 'data',
      shownBy: 'contacted',
      on: '2026-01-19',
    });
    expect(unwrap(await again.listCases())).toMatchObject([{ id: caseId, status: 'asked_bank', due: true }]);

    // The full statement brings the credit: the case resolves itself and says which credit, when and how much.
    unwrap(await again.importFiles([ledger.fullStatement]));
    const paid = unwrap(await again.caseView(caseId))!;
    expect(paid.record).toMatchObject({ status: 'resolved_credited', statusBy: 'engine' });
    const arrived = paid.entries.find(e => e.source === 'engine' && e.event.kind === 'credit_arrived');
    expect(arrived?.source === 'engine' && arrived.event).toMatchObject({ bankLineId: ledger.creditId, amountMinor: ledger.creditMinor });
    expect(paid.entries.map(e => (e.source === 'merchant' ? 'note' : e.event.kind))).toEqual([
      'raised',
      'note',
      'credit_arrived',
      'cleared',
      'status',
    ]);
    expect(paid.due).toBe(false);
    expect(unwrap(await again.init()).followUps).toEqual([]);
  });

  test('follows its alert through a manual link and its undo: the case view finds the alert again', async () => {
    const { h, caseId, alert, payout } = await withMissingCredit();
    const candidates = unwrap(await h.caseView(caseId))!.detail!.candidateLines;
    expect(candidates.length).toBeGreaterThan(0);
    const { id } = unwrap(await h.decide({ kind: 'manual_link', bankLineId: candidates[0]!.id, batchIds: [`stripe|${payout}`] }));
    const linked = unwrap(await h.caseView(caseId))!;
    expect(linked.detail?.links.map(l => l.link.bankLineId)).toContain(candidates[0]!.id);
    unwrap(await h.undo(id));
    const back = unwrap(await h.caseView(caseId))!;
    expect(back.detail?.alert?.id).toBe(alert.id);
    expect(back.record.status).toBe('open');
    expect(back.entries.filter(e => e.source === 'engine').map(e => e.source === 'engine' && e.event.kind)).toContain('reopened');
  });

  test('a note or a voucher removed can be brought back; a file that is no photo or PDF is refused by name', async () => {
    const { h, caseId } = await withMissingCredit();
    const noted = unwrap(await h.addCaseEntry(caseId, { action: 'wrote', whom: 'acquirer', on: '2026-01-19', note: 'email sent' }));
    const note = noted.entries.find(e => e.source === 'merchant')!;
    const removed = unwrap(await h.removeCaseEntry(note.id));
    expect(removed.entries.find(e => e.id === note.id)).toMatchObject({ removedAt: expect.any(String) });
    expect(removed.checklist.find(i => i.step === 'contact_acquirer')?.done).toBe(false);
    expect(unwrap(await h.restoreCaseEntry(note.id)).entries.find(e => e.id === note.id)).toMatchObject({ removedAt: null });

    const slip = new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d]);
    const attached = unwrap(await h.attachVoucher(caseId, { name: 'slip.pdf', type: 'application/pdf', data: slip }));
    expect(attached.vouchers).toMatchObject([{ name: 'slip.pdf', type: 'application/pdf', size: 5, removedAt: null }]);
    expect(attached.checklist.find(i => i.step === 'keep_vouchers')?.done).toBe(true);
    const voucherId = attached.vouchers[0]!.id;
    expect(unwrap(await h.voucherFile(voucherId))).toEqual({ name: 'slip.pdf', type: 'application/pdf', bytes: slip });
    expect(unwrap(await h.removeVoucher(voucherId)).checklist.find(i => i.step === 'keep_vouchers')?.done).toBe(false);
    expect(unwrap(await h.restoreVoucher(voucherId)).vouchers[0]!.removedAt).toBeNull();

    const refused = await h.attachVoucher(caseId, { name: 'ledger.xlsx', type: 'application/vnd.ms-excel', data: slip });
    expect(refused).toMatchObject({ ok: false, error: { code: 'case_refused', params: { reason: 'voucher_type', name: 'ledger.xlsx' } } });
    const empty = await h.attachVoucher(caseId, { name: 'photo.jpg', type: 'image/jpeg', data: new Uint8Array() });
    expect(empty).toMatchObject({ ok: false, error: { params: { reason: 'voucher_empty', name: 'photo.jpg' } } });
    expect(await h.setFollowUp(caseId, '20.01.2026')).toMatchObject({ ok: false, error: { params: { reason: 'bad_date' } } });
    expect(await h.setCaseStatus('credit:nope', 'written_off')).toMatchObject({ ok: false, error: { params: { reason: 'not_found' } } });

    // "Delete all data" deletes cases, their timelines and vouchers too.
    unwrap(await h.clear());
    expect(unwrap(await h.listCases())).toEqual([]);
    expect(unwrap(await h.voucherFile(voucherId))).toBeNull();
  });

  test("a checklist mark is the merchant's until they give the step back to the data", async () => {
    const { h, caseId } = await withMissingCredit();
    const marked = unwrap(await h.markStep(caseId, 'check_account', { done: false, on: '2026-01-19', note: 'balance looks off' }));
    expect(marked.checklist[0]).toMatchObject({ step: 'check_account', done: false, by: 'merchant', note: 'balance looks off' });
    const back = unwrap(await h.markStep(caseId, 'check_account', null));
    expect(back.checklist[0]).toMatchObject({ done: true, by: 'data' });
  });

  test("a case's complete record holds its transactions as imported, its vouchers' bytes and the files it rests on", async () => {
    const { h, caseId, alert, payout } = await withMissingCredit();
    unwrap(await h.attachVoucher(caseId, { name: 'slip.png', type: 'image/png', data: new Uint8Array([1, 2, 3]) }));
    const file = unwrap(await h.caseFile(caseId))!;
    const named = unwrap(await h.alertDetail(alert.id))!.alert!.transactionIds;
    expect(named.length).toBeGreaterThan(0);
    expect(file.transactions.map(t => t.id).sort()).toEqual([...named].sort());
    expect(file.transactions.every(t => t.payoutId === payout)).toBe(true);
    expect(file.voucherFiles.map(v => [v.name, [...v.bytes]])).toEqual([['slip.png', [1, 2, 3]]]);
    expect(file.sourceFiles).toHaveLength(1);
    expect(unwrap(await h.caseFile('credit:none'))).toBeNull();
  });

  test('reviewing the ledger at a past date moves no case', async () => {
    const { h, caseId } = await withMissingCredit();
    unwrap(await h.setAsOf('2026-01-06'));
    expect(unwrap(await h.caseView(caseId))!.entries).toHaveLength(1);
    unwrap(await h.setAsOf(null));
    expect(unwrap(await h.caseView(caseId))!.entries).toHaveLength(1);
  });

  test('cases moved on after decisions and imports are what a freshly loaded ledger makes of them', async () => {
    const name = `cases-${++n}-${Date.now()}`;
    const h = handlers(name);
    // The export in two files: the second one's rows are appended to what the first one's reconciliation read.
    const lines = new TextDecoder()
      .decode(ledger.export.data as Uint8Array)
      .trimEnd()
      .split('\n');
    const half = Math.floor(lines.length / 2);
    const first = { name: 'stripe-1.csv', data: enc(lines.slice(0, half).join('\n') + '\n') };
    const second = { name: 'stripe-2.csv', data: enc([lines[0], ...lines.slice(half)].join('\n') + '\n') };
    unwrap(await h.importFiles([ledger.config, first, ledger.cutStatement]));
    for (const a of unwrap(await h.init()).alerts.slice(0, 12)) unwrap(await h.openCaseFor(a.id));
    const cases = async (x: ReturnType<typeof handlers>) =>
      Promise.all(
        unwrap(await x.listCases()).map(async c => {
          const v = unwrap(await x.caseView(c.id))!;
          return { record: v.record, alert: v.detail?.alert?.id ?? null, batches: v.detail?.batches.map(b => b.id) ?? [] };
        }),
      );
    const steps: (() => Promise<unknown>)[] = [
      async () => {
        const alert = unwrap(await h.init()).alerts.find(a => !a.dismissed)!;
        return h.decide({ kind: 'dismiss_alert', alertId: alert.id, reason: 'checked' });
      },
      () => h.importFiles([second]),
      () => h.importFiles([ledger.fullStatement]),
    ];
    for (const step of steps) {
      unwrap((await step()) as Awaited<ReturnType<typeof h.init>>);
      const held = await cases(h);
      expect(held.length).toBeGreaterThan(0);
      expect(await cases(handlers(name))).toEqual(held);
    }
  });
});

describe('the transactions-to-batches membership kept for cases', () => {
  test('is kept while the rows read and the config are the same, and renewed when rows are appended or replaced or the config changes', () => {
    const config = makeConfig();
    const derived = new DerivedLedger();
    const store: { derived: DerivedLedger; config: Config | null } = { derived, config };
    const row: StoredTxn = { ...makeTxn({ id: 'T1' }), acquirer: 'lakala', fileHash: 'f1' };
    derived.refresh({ config, txns: [row], bankLines: [], periods: [], decisions: [], asOf: null, today: '2026-01-20' });
    const kept = membershipOf(store);
    // A decision: the same rows and config.
    derived.refresh({ config, txns: [row], bankLines: [], periods: [], decisions: [], asOf: '2026-01-10', today: '2026-01-20' });
    expect(membershipOf(store)).toBe(kept);
    // Rows appended to the same list.
    derived.refresh({
      config,
      txns: [row, { ...row, id: 'T2' }],
      bankLines: [],
      periods: [],
      decisions: [],
      asOf: null,
      today: '2026-01-20',
    });
    const appended = membershipOf(store);
    expect(appended).not.toBe(kept);
    expect(membershipOf(store)).toBe(appended);
    // Rows read again: a new list.
    derived.refresh({
      config,
      txns: [{ ...row }, { ...row, id: 'T2' }],
      bankLines: [],
      periods: [],
      decisions: [],
      asOf: null,
      today: '2026-01-20',
      loaded: 2,
    });
    const reread = membershipOf(store);
    expect(reread).not.toBe(appended);
    // Another config.
    store.config = { ...config };
    expect(membershipOf(store)).not.toBe(reread);
  });
});
