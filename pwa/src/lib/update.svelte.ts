/** What the service worker says about updates; the PWA host fills it, the extension passes none. */
export class UpdateState {
  needRefresh = $state(false);
  offlineReady = $state(false);
  private applyUpdate: (() => Promise<void>) | null = null;

  /** Connects the state to the registration's "update now" function. */
  connect(apply: () => Promise<void>): void {
    this.applyUpdate = apply;
  }

  /** Activates the waiting service worker and reloads into the new version. */
  async apply(): Promise<void> {
    await this.applyUpdate?.();
  }

  /** Keeps the current version for now. */
  dismiss(): void {
    this.needRefresh = false;
    this.offlineReady = false;
  }
}
