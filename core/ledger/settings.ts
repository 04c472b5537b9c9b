// Settings: the config (edited, imported or from a preset), the as-of date under review, and clearing
// the whole ledger.
import { ACQUIRER_PRESETS, withPreset, type PresetFill } from '../config/presets';
import { validateConfig } from '../config/validate';
import { clearLedger, saveConfig } from '../db/repo';
import type { LedgerSummary } from '../db/schema';
import { attempt, fail, ok, type Result } from './result';
import type { LedgerState } from './state';

/** Replaces the config with one the merchant edited or imported (validated first). */
async function replaceConfig(store: LedgerState, value: unknown): Promise<Result<LedgerSummary>> {
  await store.init();
  const checked = validateConfig(value);
  if (!checked.ok) return fail({ code: 'config_invalid', params: { issues: checked.issues } });
  await saveConfig(store.db, checked.config, store.clock.now(), store.stamp());
  store.config = checked.config;
  return ok(await store.recompute());
}

/** The settings handlers. */
export function settingsHandlers(store: LedgerState) {
  return {
    saveConfig: (config: unknown): Promise<Result<LedgerSummary>> => attempt(() => replaceConfig(store, config)),

    /** Adds a preset profile (with the merchant numbers, currency and settlement lag of a refused file) to the config. */
    applyPreset: (presetId: string, merchantIds: string[], fill: PresetFill = {}): Promise<Result<LedgerSummary>> =>
      attempt(async () => {
        const preset = ACQUIRER_PRESETS.find(p => p.id === presetId);
        if (!preset) return fail({ code: 'config_invalid', params: { issues: [{ path: 'preset', message: `no preset "${presetId}"` }] } });
        await store.init();
        return replaceConfig(store, withPreset(store.config, preset, merchantIds, fill));
      }),

    /** Reviews the ledger as of a past date (null: the latest the bank data allows). */
    setAsOf: (date: string | null): Promise<Result<LedgerSummary>> =>
      attempt(async () => {
        await store.init();
        store.requestedAsOf = date;
        return ok(await store.recompute());
      }),

    /** Deletes everything stored. */
    clear: (): Promise<Result<LedgerSummary>> =>
      attempt(async () => {
        await store.init();
        await clearLedger(store.db);
        store.reset();
        return ok(await store.recompute());
      }),
  };
}
