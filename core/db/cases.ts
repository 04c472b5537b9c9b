// The stored side of cases: records, timeline entries and vouchers, each written in one transaction.
import type { LedgerDb } from './db';
import type { StoredCase, StoredCaseEntry, StoredVoucher } from './schema';
import type { VoucherInfo } from '../cases/types';

/** Every case. */
export async function loadCases(db: LedgerDb): Promise<StoredCase[]> {
  return db.cases.toArray();
}

/** One case, or undefined. */
export async function getCase(db: LedgerDb, id: string): Promise<StoredCase | undefined> {
  return db.cases.get(id);
}

/** Stores cases and new timeline entries together (an entry is never written without the case that counts it). */
export async function putCases(db: LedgerDb, cases: readonly StoredCase[], entries: readonly StoredCaseEntry[]): Promise<void> {
  if (!cases.length && !entries.length) return;
  await db.transaction('rw', db.cases, db.caseEntries, async () => {
    if (cases.length) await db.cases.bulkPut([...cases]);
    if (entries.length) await db.caseEntries.bulkPut([...entries]);
  });
}

/** A case's timeline, oldest first (by when each entry was written, then by id). */
export async function loadEntries(db: LedgerDb, caseId: string): Promise<StoredCaseEntry[]> {
  const entries = await db.caseEntries.where('caseId').equals(caseId).toArray();
  return entries.sort((a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id));
}

/** One timeline entry, or undefined. */
export async function getEntry(db: LedgerDb, id: string): Promise<StoredCaseEntry | undefined> {
  return db.caseEntries.get(id);
}

/** Stores one timeline entry (a new one, or a merchant's note set aside or brought back). */
export async function putEntry(db: LedgerDb, entry: StoredCaseEntry): Promise<void> {
  await db.caseEntries.put(entry);
}

/** A case's vouchers without their bytes, oldest first. */
export async function loadVoucherInfo(db: LedgerDb, caseId: string): Promise<VoucherInfo[]> {
  const all = await db.vouchers.where('caseId').equals(caseId).toArray();
  return all.map(({ bytes: _bytes, ...info }) => info).sort((a, b) => a.addedAt.localeCompare(b.addedAt) || a.id.localeCompare(b.id));
}

/** A case's vouchers with their bytes (for the evidence pack), oldest first. */
export async function loadVouchers(db: LedgerDb, caseId: string): Promise<StoredVoucher[]> {
  const all = await db.vouchers.where('caseId').equals(caseId).toArray();
  return all.sort((a, b) => a.addedAt.localeCompare(b.addedAt) || a.id.localeCompare(b.id));
}

/** One voucher with its bytes, or undefined. */
export async function getVoucher(db: LedgerDb, id: string): Promise<StoredVoucher | undefined> {
  return db.vouchers.get(id);
}

/** Stores a voucher (a new one, or one removed or brought back). */
export async function putVoucher(db: LedgerDb, voucher: StoredVoucher): Promise<void> {
  await db.vouchers.put(voucher);
}
