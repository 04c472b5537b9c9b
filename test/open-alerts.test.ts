// One count of open alerts everywhere. The issue saw the badge say 118 while the popup and the ledger said
// 123: the badge counted warnings and critical alerts, the others every alert not dismissed. Every place now
// counts through core/reconcile/open-alerts.ts; this test fails when any of them counts another way.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { summarize } from '../core/ledger/summary';
import { CATALOGS } from '../core/messages/index';
import { reconcile } from '../core/reconcile/engine';
import { isOpenAlert, tallyOpenAlerts } from '../core/reconcile/open-alerts';
import type { Decision } from '../core/reconcile/types';
import { badgeFor } from '../extension/background/badge';
import { overviewOf } from '../extension/worker/api';
import { generateLedger, loadLedger } from './support/ledger';

const ROOT = resolve(__dirname, '..');
const sum = (counts: Readonly<Record<string, number>>) => Object.values(counts).reduce((a, b) => a + b, 0);

describe('one count of open alerts', () => {
  // Heavy faults: late credits and fee undercharges (info), missing credits (critical), the rest warnings.
  const ledger = generateLedger({ scenario: 'cn', seed: 7, days: 40, txPerDay: 40, faults: 'heavy' });
  const input = loadLedger(ledger);
  const first = reconcile(input).report.alerts;
  // A merchant dismissed one warning, one critical and one info alert.
  const dismissals: Decision[] = (['warning', 'critical', 'info'] as const).map(severity => ({
    kind: 'dismiss_alert',
    alertId: first.find(a => a.severity === severity)!.id,
    reason: 'checked',
    at: '2026-03-01T00:00:00Z',
    transactionIds: first.find(a => a.severity === severity)!.transactionIds,
  }));
  const recon = reconcile({ ...input, decisions: dismissals });
  const summary = summarize(recon, {
    config: input.config,
    fees: () => [],
    bankLineById: new Map(input.bankLines.map(l => [l.id, l])),
    revision: 1,
    computedAt: '2026-03-01T00:00:00Z',
    today: recon.report.asOf,
    requestedAsOf: null,
    notices: [],
  });
  const tally = tallyOpenAlerts(recon.report.alerts);
  const expected = recon.report.alerts.filter(a => !a.dismissed && a.severity !== 'info').length;

  test('the ledger has info alerts and dismissed ones, so a count that includes them differs', () => {
    expect(tally.bySeverity.info).toBeGreaterThan(0);
    expect(recon.report.alerts.filter(a => a.dismissed)).toHaveLength(3);
    expect(tally.count).toBe(expected);
    expect(tally.count).toBeLessThan(recon.report.alerts.filter(a => !a.dismissed).length);
  });

  test('the ledger (summary and overview tiles), the popup, the badge and its title say the same number', () => {
    const overview = overviewOf(summary, recon.report.asOf);
    const said = {
      ledgerTiles: sum(summary.openAlertCounts),
      ledgerPill: tallyOpenAlerts(summary.alerts).count,
      popupKinds: sum(overview.openAlertCounts),
      popupTotals: overview.openAlertTotals.reduce((n, a) => n + a.count, 0),
      badge: Number(badgeFor(overview).text),
      badgeTitleEn: Number(/(\d+) open alert/.exec(CATALOGS.en.extension.badgeTitle(overview.openAlertCount))![1]),
      badgeTitleZh: Number(
        /(\d[\d,]*) 条待处理提醒/.exec(CATALOGS.zh.extension.badgeTitle(overview.openAlertCount))![1]!.replace(/,/g, ''),
      ),
    };
    expect(said).toEqual(Object.fromEntries(Object.keys(said).map(k => [k, expected])));
    expect(overview.openBySeverity.critical + overview.openBySeverity.warning).toBe(expected);
  });

  test('the screens count through the core rule, never by their own sum', () => {
    const read = (path: string) => readFileSync(resolve(ROOT, path), 'utf8');
    for (const screen of ['pwa/src/App.svelte', 'pwa/src/components/Overview.svelte'])
      expect(read(screen), screen).toContain('tallyOpenAlerts(');
    expect(read('extension/worker/api.ts')).toContain('tallyOpenAlerts(summary.alerts)');
    expect(read('extension/background/badge.ts')).toContain('overview.openAlertCount');
    // The ways places once counted on their own.
    for (const path of [
      'pwa/src/App.svelte',
      'pwa/src/components/Overview.svelte',
      'extension/popup/Popup.svelte',
      'extension/background/badge.ts',
    ]) {
      const src = read(path);
      expect(src, path).not.toMatch(
        /openBySeverity\.warning|openAlertCounts\)\.reduce|summary\.openAlertCounts|alerts\.filter\(a => !a\.dismissed\)/,
      );
    }
  });

  test('an info alert is listed but never open; a dismissed alert is never open', () => {
    expect(isOpenAlert({ severity: 'info' })).toBe(false);
    expect(isOpenAlert({ severity: 'warning', dismissed: { reason: 'x' } })).toBe(false);
    expect(isOpenAlert({ severity: 'critical' })).toBe(true);
  });
});
