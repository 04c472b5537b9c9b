import type { AlertKind, Severity } from '../../../core/reconcile/types';

/** The screens of the ledger app. */
export type Screen = 'overview' | 'import' | 'alerts' | 'cases' | 'transactions' | 'bank' | 'charts' | 'settings';

/** Every screen, in the order the navigation lists them. */
export const SCREENS: readonly Screen[] = ['overview', 'import', 'alerts', 'cases', 'transactions', 'bank', 'charts', 'settings'];

/**
 * What an open case shows: a case (it follows its batches through undo, confirm and unlink), an alert (opened
 * as its case at once), or a batch picked elsewhere.
 */
export type CaseRef = { readonly caseId: string } | { readonly alertId: string } | { readonly batchIds: readonly string[] };

/** Navigation and cross-screen selections (no URL routing: the app may be mounted at any path). */
export class UiState {
  screen = $state<Screen>('overview');
  openCase = $state<CaseRef | null>(null);
  alertKind = $state<AlertKind | ''>('');
  alertSeverity = $state<Severity | ''>('');
  alertAcquirer = $state('');
  showDismissed = $state(false);

  /** Opens a screen and closes any case. */
  go(screen: Screen): void {
    this.screen = screen;
    this.openCase = null;
  }

  /** Opens a case on the alerts screen (or on the cases screen, from its list). */
  open(ref: CaseRef, screen: 'alerts' | 'cases' = 'alerts'): void {
    this.screen = screen;
    this.openCase = ref;
  }
}
