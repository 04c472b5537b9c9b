import type { BankLine } from '../model/types';
import type { ProfileRuntime } from './profile';

/**
 * Which acquirer profiles a bank line belongs to, per the contract: its counterparty contains one of
 * the profile's bank names (case-insensitively) or, where the counterparty is blank, its description does.
 * When several profiles share a name (two accounts at one acquirer), a merchant number in the text decides.
 */
export function owningProfiles(line: BankLine, profiles: readonly ProfileRuntime[]): number[] {
  const cp = line.counterparty.trim().toLowerCase();
  const text = cp === '' ? line.description.toLowerCase() : cp;
  const owners: number[] = [];
  for (let i = 0; i < profiles.length; i++) {
    const p = profiles[i]!;
    if (line.currency && p.profile.currency && line.currency !== p.profile.currency) continue;
    if (p.names.some(n => n !== '' && text.includes(n))) owners.push(i);
  }
  if (owners.length <= 1) return owners;
  const all = `${line.counterparty} ${line.description}`;
  const byMerchant = owners.filter(i => profiles[i]!.profile.merchantIds?.some(m => all.includes(m)));
  return byMerchant.length > 0 ? byMerchant : owners;
}
