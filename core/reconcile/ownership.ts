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
    // 'XXX' is ISO 4217 for "no currency": QIF files print none, so any acquirer may own such a line.
    if (line.currency && line.currency !== 'XXX' && line.currency !== p.profile.currency) continue;
    if (p.names.some(n => n !== '' && text.includes(n))) owners.push(i);
  }
  if (owners.length <= 1) return owners;
  const all = `${line.counterparty} ${line.description}`;
  const byMerchant = owners.filter(i => profiles[i]!.profile.merchantIds?.some(m => all.includes(m)));
  return byMerchant.length > 0 ? byMerchant : owners;
}

/** Words of a bank text with numbers masked, so "POS结算款 822290058120001" and its siblings share words. */
function words(text: string): string[] {
  return [
    ...new Set(
      text
        .toLowerCase()
        .replace(/[0-9]+/g, '#')
        .split(/[\s,;:：，。/|()（）[\]-]+/)
        .filter(w => w.length >= 2 && w !== '#'),
    ),
  ];
}

/**
 * For credits with a blank counterparty that name no acquirer (a bank that drops the payer on
 * adjustments, 差错调整, and prints only its own posting code such as 汇入): the acquirer whose
 * credits use a posting word that no other line of the statement uses. Needs at least three such
 * credits as evidence and exactly one acquirer; otherwise the line stays unowned.
 */
export function inferBlankOwners(lines: readonly BankLine[], owners: ReadonlyMap<number, readonly number[]>): Map<number, number> {
  const isCandidate = (line: BankLine, i: number) => line.amountMinor > 0 && line.counterparty.trim() === '' && !owners.get(i)?.length;
  const candidates: number[] = [];
  // Per word: the one acquirer whose credits use it (-1 when anything else uses it too) and how often.
  const usage = new Map<string, { profile: number; count: number }>();
  lines.forEach((line, i) => {
    if (isCandidate(line, i)) {
      candidates.push(i);
      return;
    }
    const o = owners.get(i);
    const profile = o && o.length === 1 && line.amountMinor > 0 ? o[0]! : -1;
    for (const w of words(`${line.counterparty} ${line.description}`)) {
      const seen = usage.get(w);
      if (!seen) usage.set(w, { profile, count: 1 });
      else if (seen.profile !== profile) seen.profile = -1;
      else seen.count++;
    }
  });
  const inferred = new Map<number, number>();
  for (const i of candidates) {
    const found = new Set<number>();
    for (const w of words(lines[i]!.description)) {
      const seen = usage.get(w);
      if (seen && seen.profile >= 0 && seen.count >= 3) found.add(seen.profile);
    }
    if (found.size === 1) inferred.set(i, [...found][0]!);
  }
  return inferred;
}
