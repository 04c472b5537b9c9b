import { describe, expect, test } from 'vitest';
import { ACQUIRER_PRESETS, withPreset } from '../../../core/config/presets';
import { validateConfig } from '../../../core/config/validate';
import { configDraft, draftToJson } from './config-draft';

describe('config draft', () => {
  test('round-trips every preset through the form unchanged', () => {
    let config = null;
    for (const p of ACQUIRER_PRESETS) config = withPreset(config, p, p.profile.format === 'cn-acquirer' ? [`8222900${p.id.length}`] : []);
    const checked = validateConfig(config);
    expect(checked.ok).toBe(true);
    const again = validateConfig(draftToJson(configDraft(config)));
    expect(again).toEqual(checked);
  });

  test('keeps a mistyped cap so validation names its path', () => {
    const draft = configDraft(withPreset(null, ACQUIRER_PRESETS[0]!, ['822290058120001']));
    draft.profiles[0]!.fees[0]!.cap = '25 yuan';
    const checked = validateConfig(draftToJson(draft));
    expect(checked.ok).toBe(false);
    if (!checked.ok) expect(checked.issues.map(i => i.path)).toContain('acquirers[0].fees[0].capMinor');
  });
});
