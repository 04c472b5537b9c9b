import { guessMapping, parseWithProfile, type MappingProfile } from '../mapping/index';
import type { Format } from '../../model/types';

/**
 * A Format that reads files with a merchant's mapping profile (role from the profile). The UI
 * builds one from a saved or confirmed profile; it is never auto-detected (sniff is 0).
 */
export function mappedFormat(profile: MappingProfile): Format {
  return {
    name: 'mapped',
    role: profile.role,
    sniff: () => 0,
    parse: (bytes, ctx) => parseWithProfile(bytes, profile, ctx),
  };
}

/**
 * The registered fallback: never chosen by detection (sniff 0), listed by formatNames() so the UI
 * can offer it for a file no format recognises. Parsing guesses a bank mapping, which refuses the
 * file (naming the missing currency or column) rather than reading it wrongly.
 */
export const mapped: Format = {
  name: 'mapped',
  role: 'bank',
  sniff: () => 0,
  parse: (bytes, ctx) => parseWithProfile(bytes, guessMapping(bytes, 'bank'), ctx),
};
