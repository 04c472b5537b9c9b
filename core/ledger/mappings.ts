// Column mappings: what a mapping reads from a file, saving one (and importing the files that waited
// for it), deleting one.
import { ACQUIRER_PRESETS, withPreset } from '../config/presets';
import { validateConfig } from '../config/validate';
import { deleteMapping, putMapping, saveConfig } from '../db/repo';
import type { StoredMapping } from '../db/schema';
import {
  MAPPED_FIELDS,
  previewWithProfile,
  profileKey,
  profileProblem,
  type MappingPreview,
  type MappingProfile,
} from '../import/mapping/index';
import { importRows } from './imports';
import { attempt, fail, ok, type Result } from './result';
import type { LedgerState } from './state';
import type { FileOutcome } from './types';

const COLUMN_FIELDS = new Set<string>(MAPPED_FIELDS);

/**
 * What makes a profile from the screens unusable before its columns are even read: a missing or
 * mistyped setting, a column that is not a cell index, or no currency at all. The screens are a
 * lower trust tier than the core, so the shape is checked here, not assumed.
 */
export function mappingShapeProblem(value: unknown, needCurrency = true): string | null {
  if (typeof value !== 'object' || value === null) return 'the mapping is not an object';
  const p = value as Record<string, unknown>;
  if (typeof p.id !== 'string' || !p.id) return 'the mapping has no id';
  if (typeof p.name !== 'string' || !p.name.trim()) return 'the mapping has no name';
  if (p.role !== 'bank' && p.role !== 'acquirer') return 'the role must be bank or acquirer';
  if (typeof p.headerKey !== 'string' || !p.headerKey) return 'the mapping has no header key';
  if (typeof p.delimiter !== 'string') return 'the delimiter must be text';
  if (p.decimal !== '.' && p.decimal !== ',') return 'the decimal mark must be "." or ","';
  if (p.dateOrder !== 'ymd' && p.dateOrder !== 'dmy' && p.dateOrder !== 'mdy') return 'the date order must be ymd, dmy or mdy';
  if (typeof p.hasHeader !== 'boolean') return 'has-header must be true or false';
  if (!Number.isInteger(p.skipRows) || (p.skipRows as number) < 0) return 'rows to skip must be a whole number';
  if (typeof p.columns !== 'object' || p.columns === null) return 'the mapping has no columns';
  for (const [field, col] of Object.entries(p.columns)) {
    if (!COLUMN_FIELDS.has(field)) return `"${field}" is not a field a mapping can have`;
    if (col !== undefined && (!Number.isInteger(col) || (col as number) < 0)) return `the ${field} column must be a column number`;
  }
  const columns = p.columns as Record<string, number | undefined>;
  const code = typeof p.defaultCurrency === 'string' ? p.defaultCurrency.trim().toUpperCase() : '';
  if (needCurrency && columns.currency === undefined && (!/^[A-Z]{3}$/.test(code) || code === 'XXX')) {
    return 'the file has no currency column: choose its currency (a three-letter code such as DKK)';
  }
  return null;
}

/** A profile as plain data with only the fields a profile has (what came over Comlink may carry more). */
function plainProfile(p: MappingProfile): MappingProfile {
  const columns = Object.fromEntries(Object.entries(p.columns).filter(([, v]) => v !== undefined)) as unknown as MappingProfile['columns'];
  return {
    id: p.id,
    name: p.name.trim(),
    role: p.role,
    headerKey: p.headerKey,
    delimiter: p.delimiter,
    decimal: p.decimal,
    dateOrder: p.dateOrder,
    hasHeader: p.hasHeader,
    skipRows: p.skipRows,
    columns,
    defaultCurrency: (p.defaultCurrency || 'XXX').trim().toUpperCase(),
    ...(p.account ? { account: p.account } : {}),
  };
}

/**
 * Adds the mapped-file preset's profile for an acquirer file refused for want of one, when nothing in the ledger
 * speaks against it (its currency, its name, its settlement lag from the file). True when the config changed.
 */
async function addMappedProfile(store: LedgerState, mapping: MappingProfile, done: FileOutcome): Promise<boolean> {
  const code = done.refusal?.code;
  if (mapping.role !== 'acquirer' || done.status !== 'refused' || (code !== 'no_config' && code !== 'no_profile')) return false;
  const fit = done.presets?.fits.find(f => f.presetId === 'mapped' && f.verdict !== 'contradicted');
  const preset = ACQUIRER_PRESETS.find(p => p.id === 'mapped');
  if (!fit || !preset) return false;
  const fill = { currency: done.presets?.currency ?? null, lag: fit.lag?.businessDays ?? null, name: mapping.name };
  const checked = validateConfig(withPreset(store.config, preset, done.merchantIds, fill));
  if (!checked.ok) return false;
  await saveConfig(store.db, checked.config, store.clock.now(), store.stamp());
  store.config = checked.config;
  return true;
}

const invalid = (message: string) => fail({ code: 'mapping_invalid', params: { message } });

/** The mapping handlers. */
export function mappingHandlers(store: LedgerState) {
  return {
    /** What a mapping reads from a file: the first rows raw and parsed, and the issues of the whole file. */
    previewMapping: (bytes: Uint8Array, profile: MappingProfile): Promise<Result<MappingPreview>> =>
      attempt(() => {
        // The currency may still be missing while the merchant fills in the form; the preview names it as an issue.
        const shape = mappingShapeProblem(profile, false);
        return shape ? invalid(shape) : ok(previewWithProfile(bytes, profile));
      }),

    /**
     * Saves a column mapping (checked first), then imports with it every file of this session that
     * waited for a mapping of this layout. Returns what became of those files.
     */
    saveMapping: (profile: MappingProfile): Promise<Result<{ mapping: StoredMapping; outcomes: FileOutcome[] }>> =>
      attempt(async () => {
        const problem = mappingShapeProblem(profile) ?? profileProblem(profile);
        if (problem) return invalid(problem);
        await store.init();
        const mapping = { ...plainProfile(profile), savedAt: store.clock.now(), hlc: store.stamp() } satisfies StoredMapping;
        const replaced = await putMapping(store.db, mapping);
        store.mappings = [...store.mappings.filter(m => m.id !== mapping.id && !replaced.includes(m.id)), mapping];
        const waiting = [...store.pending].filter(([, p]) => profileKey(p.bytes) === mapping.headerKey);
        const outcomes: FileOutcome[] = [];
        let changed = false;
        for (const [hash, p] of waiting) {
          const read = async () => {
            const result = await importRows(store, p.name, p.bytes, () => {}, mapping);
            return 'writing' in result ? await result.writing : result;
          };
          let done = await read();
          // An acquirer file mapped for the first time ends the flow with a working profile (issue 14: it ended
          // in "start from a preset:" and no button): the mapped-file preset, named after the mapping.
          if (await addMappedProfile(store, mapping, done)) done = await read();
          if (done.status !== 'refused') store.pending.delete(hash);
          if (done.status === 'stored') changed = true;
          outcomes.push(done);
        }
        if (changed) await store.recompute();
        return ok({ mapping, outcomes });
      }),

    /** Deletes a saved column mapping; files already imported with it stay. */
    deleteMapping: (id: string): Promise<Result<{ deleted: boolean }>> =>
      attempt(async () => {
        await store.init();
        const deleted = await deleteMapping(store.db, id, store.stamp());
        store.mappings = store.mappings.filter(m => m.id !== id);
        return ok({ deleted });
      }),
  };
}
