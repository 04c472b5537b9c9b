import { ACQUIRER_PRESETS } from '../../../core/config/presets';
import type { PresetReason } from '../../../core/config/choose';
import { count, i18n, t } from './i18n.svelte';

/** A preset's name in the app's language. */
export function presetLabel(id: string): string {
  const p = ACQUIRER_PRESETS.find(x => x.id === id);
  return p ? (i18n.locale === 'zh' ? p.label.zh : p.label.en) : id;
}

/** Why a preset (or a profile) fits a file or not, in the merchant's words. */
export function presetReasonText(r: PresetReason): string {
  switch (r.code) {
    case 'title_names':
      return t('preset_reason_title_names', { name: r.name });
    case 'merchant_ids':
      return t('preset_reason_merchant_ids', { ids: r.ids.join(', ') });
    case 'bank_credits':
      return t('preset_reason_bank_credits', { count: count(r.count) });
    case 'title_other':
      return t('preset_reason_title_other', { name: r.name });
    case 'merchant_ids_other':
      return t('preset_reason_merchant_ids_other', { ids: r.ids.join(', '), other: presetLabel(r.other) });
    case 'no_bank_credits':
      return t('preset_reason_no_bank_credits', { credits: count(r.credits), names: r.names.join(', ') });
  }
}
