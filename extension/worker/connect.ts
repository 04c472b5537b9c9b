import { wrap, type Remote } from 'comlink';
import type { ExtensionApi } from './api';

/** Starts the extension worker from an extension page (an MV3 service worker cannot start one). */
export function startExtensionWorker(): Remote<ExtensionApi> {
  return wrap<ExtensionApi>(new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'settlewatch-ledger' }));
}
