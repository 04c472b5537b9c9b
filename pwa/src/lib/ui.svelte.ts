import type { AlertKind, Severity } from '../../../core/reconcile/types';
import { NO_BANK_FILTER, NO_TXN_FILTER, type BankFilter, type CaseRef, type Place, type Screen, type TxnFilter } from './route';

export { SCREENS, type CaseRef, type Screen } from './route';

/** Navigation and cross-screen selections; App.svelte keeps them in the URL fragment (route.ts). */
export class UiState {
  screen = $state<Screen>('overview');
  openCase = $state<CaseRef | null>(null);
  alertKind = $state<AlertKind | ''>('');
  alertSeverity = $state<Severity | ''>('');
  alertAcquirer = $state('');
  showDismissed = $state(false);
  /** The transactions table's filters and order (replaced whole, never changed in place). */
  txns = $state.raw<TxnFilter>(NO_TXN_FILTER);
  /** The bank lines table's filters and order. */
  bank = $state.raw<BankFilter>(NO_BANK_FILTER);

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

  /** Set by `settle`: the next place written to the URL replaces the current entry instead of adding one. */
  private settled = false;

  /**
   * The same place said more exactly (an alert opened becomes its case): the URL's entry is replaced, not
   * added, so Back leaves the case instead of landing on the alert that would open it again.
   */
  settle(ref: CaseRef): void {
    this.settled = true;
    this.openCase = ref;
  }

  /** Whether the place now being written only settled the one before (and forgets it). */
  takeSettled(): boolean {
    const settled = this.settled;
    this.settled = false;
    return settled;
  }

  /** Where the merchant is, as route.ts writes it in the URL. */
  get place(): Place {
    return {
      screen: this.screen,
      openCase: this.openCase,
      alerts: { kind: this.alertKind, severity: this.alertSeverity, acquirer: this.alertAcquirer, dismissed: this.showDismissed },
      txns: this.txns,
      bank: this.bank,
    };
  }

  /** Goes to a place read from the URL (a reload, Back, a link). */
  restore(place: Place): void {
    this.screen = place.screen;
    this.openCase = place.openCase;
    this.alertKind = place.alerts.kind;
    this.alertSeverity = place.alerts.severity;
    this.alertAcquirer = place.alerts.acquirer;
    this.showDismissed = place.alerts.dismissed;
    this.txns = place.txns;
    this.bank = place.bank;
  }
}
