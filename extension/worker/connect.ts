import { releaseProxy, wrap, type Remote } from 'comlink';
import type { ExtensionApi } from './api';

/** The extension worker as a page holds it. */
export interface ExtensionWorker {
  readonly api: Remote<ExtensionApi>;
  /** Ends the worker (the popup's import worker, once its files are in). */
  terminate(): void;
}

/** Starts the extension worker from an extension page (an MV3 service worker cannot start one). */
export function startExtensionWorker(): ExtensionWorker {
  const worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'settlewatch-ledger' });
  const api = wrap<ExtensionApi>(worker);
  return {
    api,
    terminate: () => {
      api[releaseProxy]();
      worker.terminate();
    },
  };
}
