import type { AlertKind, Severity } from '../../../core/reconcile/types';

/** The screens of the ledger app. */
export type Screen = 'overview' | 'import' | 'alerts' | 'transactions' | 'bank' | 'charts' | 'settings';

/** Every screen, in the order the navigation lists them. */
export const SCREENS: readonly Screen[] = ['overview', 'import', 'alerts', 'transactions', 'bank', 'charts', 'settings'];

/** What an open case shows: an alert, or a batch picked elsewhere. */
export type CaseRef = { readonly alertId: string } | { readonly batchIds: readonly string[] };

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

  /** Opens the alerts screen on one case. */
  open(ref: CaseRef): void {
    this.screen = 'alerts';
    this.openCase = ref;
  }
}
