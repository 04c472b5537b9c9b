// The extension's worker: parsing, storing and matching run here, never on a page's main thread.
import { expose } from 'comlink';
import { createExtensionApi } from './api';

expose(createExtensionApi());
