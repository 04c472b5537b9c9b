// The evidence pack of a case, from the ledger: every transaction and bank line the case rests on (never
// the first rows a screen shows), the stored files it was read from with their SHA-256, as ZIP bytes.
import { assembleEvidence, buildEvidencePack, type EvidencePack, type PackLang } from '../evidence/index';
import { caseworkHandlers } from './casework';
import { attempt, ok, unwrap, type Result } from './result';
import type { LedgerState } from './state';

/**
 * The pack of the alert's case in `lang`, or null when the ledger has no such alert. The case is the one the
 * alert belongs to (opened now if the merchant has not opened it): its status, timeline, checklist, advice
 * and vouchers as the case view shows them, with every row of the case.
 */
async function evidencePack(store: LedgerState, alertId: string, lang: PackLang): Promise<EvidencePack | null> {
  await store.init();
  const recon = store.recon;
  const alert = recon?.report.alerts.find(a => a.id === alertId);
  if (!recon || !alert || !store.config) return null;
  const casework = caseworkHandlers(store);
  const { caseId } = unwrap(await casework.openCaseFor(alertId));
  const file = unwrap(await casework.caseFile(caseId));
  const input = assembleEvidence({
    recon,
    config: store.config,
    acquirers: store.reconRows,
    bankLines: store.bankLines,
    alert,
    files: store.files.map(f => ({
      name: f.name,
      sha256: f.hash,
      role: f.role,
      format: f.format,
      periods: f.periods,
      from: f.from,
      to: f.to,
    })),
    filesOf: (txns, lines) => [...txns.map(t => t.fileHash), ...lines.map(l => l.fileHash)],
    madeOn: store.clock.today(),
    // The case view's checklist and advice when they are about this very alert (a case may carry several).
    kept: file && {
      record: file.record,
      entries: file.entries,
      ...(file.detail?.alert?.id === alertId ? { checklist: file.checklist, advice: file.advice } : {}),
    },
    vouchers: file?.voucherFiles ?? [],
  });
  return buildEvidencePack(input, lang);
}

/** The evidence handlers. */
export function evidenceHandlers(store: LedgerState) {
  return {
    evidencePack: (alertId: string, lang: PackLang): Promise<Result<EvidencePack | null>> =>
      attempt(async () => ok(await evidencePack(store, alertId, lang))),
  };
}
