import type { ParseIssue } from '../../model/types';
import { findLayout, layoutKey } from './layout';
import { parseWithProfile } from './parse';
import type { MappingProfile } from './profile';

export { guessMapping, type GuessOptions } from './guess';
export { parseWithProfile, profileProblem, kindFromText } from './parse';
export { guessRole, type RoleClue } from './role';
export { previewWithProfile, PREVIEW_ROWS, type MappingPreview, type PreviewRow } from './preview';
export { MAPPED_FIELDS, UNKNOWN_CURRENCY, type MappedField, type MappingColumns, type MappingProfile } from './profile';

/** The key of a file's layout (normalized header, or `#cols:N` without one); null when it has no table. */
export function profileKey(bytes: Uint8Array): string | null {
  const layout = findLayout(bytes);
  return typeof layout === 'string' ? null : layoutKey(layout);
}

/**
 * The saved profile for a file, matched by its headerKey so a merchant maps each export once.
 * A headerless key (`#cols:6`) says little, so such a profile must also have the file's delimiter
 * and read its first rows without an error.
 */
export function findProfile(bytes: Uint8Array, profiles: readonly MappingProfile[]): MappingProfile | null {
  const layout = findLayout(bytes);
  if (typeof layout === 'string') return null;
  const key = layoutKey(layout);
  for (const p of profiles) {
    if (p.headerKey !== key) continue;
    if (layout.hasHeader) return p;
    if (p.delimiter !== layout.delimiter) continue;
    // A text file is tried on its first 16 KB; a workbook cannot be cut, and its rows are cached anyway.
    const sample = layout.workbook ? bytes : bytes.subarray(0, Math.min(bytes.length, 16 * 1024));
    const trial = parseWithProfile(sample, p, { fileName: '' });
    const cutAt = layout.workbook ? Number.POSITIVE_INFINITY : lastFullLine(bytes);
    const errors = trial.issues.filter((i: ParseIssue) => i.severity === 'error' && i.line < cutAt);
    if (errors.length === 0) return p;
  }
  return null;
}

/** Lines wholly inside the first 16 KB (the last one may be cut, so its errors do not count). */
function lastFullLine(bytes: Uint8Array): number {
  if (bytes.length <= 16 * 1024) return Number.POSITIVE_INFINITY;
  let n = 1;
  for (let i = 0; i < 16 * 1024; i++) if (bytes[i] === 0x0a) n++;
  return n;
}
