import type { Config } from '../config/types';
import type { ParseResult } from '../model/types';

/** Which acquirer profile a file belongs to, or why none could be chosen (on a line and field of the file, when one shows it). */
export type Assignment =
  | { readonly ok: true; readonly acquirer: string }
  | { readonly ok: false; readonly message: string; readonly line?: number; readonly field?: string };

/**
 * Chooses the acquirer profile of an acquirer export, per the contract: the profile whose
 * `merchantIds` holds a merchant number printed in the file; where the format prints none
 * (Stripe), the one profile of that format; `explicitId` (`--acquirer ID=FILE`) wins. The rows'
 * currency must be the profile's: a Stripe USD export named as Lakala's would raise a fee alert on
 * every row (issue 16: 2,034 false alerts).
 */
export function assignAcquirer(result: ParseResult, config: Config, explicitId?: string): Assignment {
  const chosen = chooseProfile(result, config, explicitId);
  if (!chosen.ok) return chosen;
  const profile = config.acquirers.find(a => a.id === chosen.acquirer)!;
  const other = result.acquirerTxns.find(t => t.currency !== profile.currency);
  if (other) {
    return {
      ok: false,
      line: other.line,
      field: 'currency',
      message: `the row is in ${other.currency}, but acquirer profile "${profile.id}" settles in ${profile.currency}; is this the right file for it?`,
    };
  }
  return chosen;
}

function chooseProfile(result: ParseResult, config: Config, explicitId?: string): Assignment {
  const names = config.acquirers.map(a => a.id).join(', ') || '(none)';
  if (explicitId !== undefined) {
    return config.acquirers.some(a => a.id === explicitId)
      ? { ok: true, acquirer: explicitId }
      : { ok: false, message: `no acquirer profile "${explicitId}" in the config (profiles: ${names})` };
  }
  const printed = new Set(result.merchantIds);
  for (const t of result.acquirerTxns) if (t.merchantId) printed.add(t.merchantId);
  if (printed.size > 0) {
    const byMerchant = config.acquirers.filter(a => a.merchantIds?.some(m => printed.has(m)));
    if (byMerchant.length === 1) return { ok: true, acquirer: byMerchant[0]!.id };
    if (byMerchant.length > 1)
      return {
        ok: false,
        message: `merchant number ${[...printed].join(', ')} fits several profiles (${byMerchant.map(a => a.id).join(', ')}); name one with --acquirer ID=FILE`,
      };
  }
  const byFormat = config.acquirers.filter(a => a.format === result.format);
  const withoutIds = byFormat.filter(a => !a.merchantIds?.length);
  const candidates = printed.size > 0 ? withoutIds : byFormat;
  if (candidates.length === 1) return { ok: true, acquirer: candidates[0]!.id };
  const what = printed.size > 0 ? `merchant number ${[...printed].slice(0, 3).join(', ')}` : `format ${result.format}`;
  if (candidates.length === 0) return { ok: false, message: `no acquirer profile fits ${what} (profiles considered: ${names})` };
  return {
    ok: false,
    message: `several acquirer profiles fit ${what} (${candidates.map(a => a.id).join(', ')}); name one with --acquirer ID=FILE`,
  };
}
