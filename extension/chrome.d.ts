// The slice of the chrome.* extension API Settlewatch uses, typed after Chrome's documentation
// (developer.chrome.com/docs/extensions/reference). Kept to what we call so that a new API use is
// a deliberate, reviewed addition (and a permission question) rather than something autocomplete offers.
declare namespace chrome {
  namespace runtime {
    const id: string;
    const lastError: { message?: string } | undefined;
    interface MessageSender {
      id?: string;
      url?: string;
      origin?: string;
      tab?: tabs.Tab;
      frameId?: number;
      documentId?: string;
    }
    interface Event<F extends (...args: never[]) => unknown> {
      addListener(callback: F): void;
      removeListener(callback: F): void;
    }
    interface Port {
      readonly name: string;
      readonly sender?: MessageSender;
      postMessage(message: unknown): void;
      disconnect(): void;
      readonly onMessage: Event<(message: unknown, port: Port) => void>;
      readonly onDisconnect: Event<(port: Port) => void>;
    }
    function connect(connectInfo?: { name?: string }): Port;
    const onConnect: Event<(port: Port) => void>;
    const onMessage: Event<
      (message: unknown, sender: MessageSender, sendResponse: (response?: unknown) => void) => boolean | undefined | void
    >;
    /** Messages from web pages `externally_connectable` lets through (the PWA, for the bridge). */
    const onMessageExternal: Event<
      (message: unknown, sender: MessageSender, sendResponse: (response?: unknown) => void) => boolean | undefined | void
    >;
    const onStartup: Event<() => void>;
    const onInstalled: Event<(details: { reason: string }) => void>;
    function sendMessage(message: unknown): Promise<unknown>;
    function getURL(path: string): string;
    function getManifest(): { version: string; optional_host_permissions?: string[] };
    type ContextType = 'TAB' | 'POPUP' | 'BACKGROUND' | 'OFFSCREEN_DOCUMENT' | 'SIDE_PANEL';
    function getContexts(filter: {
      contextTypes?: ContextType[];
      documentUrls?: string[];
    }): Promise<{ contextType: ContextType; documentUrl?: string }[]>;
  }
  namespace storage {
    interface StorageArea {
      get(keys?: string | string[] | null): Promise<Record<string, unknown>>;
      set(items: Record<string, unknown>): Promise<void>;
      remove(keys: string | string[]): Promise<void>;
      setAccessLevel?(options: { accessLevel: 'TRUSTED_CONTEXTS' | 'TRUSTED_AND_UNTRUSTED_CONTEXTS' }): Promise<void>;
    }
    const local: StorageArea;
    const session: StorageArea;
    const onChanged: runtime.Event<(changes: Record<string, { oldValue?: unknown; newValue?: unknown }>, areaName: string) => void>;
  }
  namespace action {
    function setBadgeText(details: { text: string; tabId?: number }): Promise<void>;
    function getBadgeText(details: { tabId?: number }): Promise<string>;
    function setBadgeBackgroundColor(details: { color: string; tabId?: number }): Promise<void>;
    function getBadgeBackgroundColor(details: { tabId?: number }): Promise<[number, number, number, number]>;
    function setBadgeTextColor(details: { color: string; tabId?: number }): Promise<void>;
    function setTitle(details: { title: string; tabId?: number }): Promise<void>;
    function getTitle(details: { tabId?: number }): Promise<string>;
  }
  namespace alarms {
    interface Alarm {
      name: string;
      scheduledTime: number;
      periodInMinutes?: number;
    }
    function create(name: string, info: { when?: number; delayInMinutes?: number; periodInMinutes?: number }): Promise<void>;
    function get(name: string): Promise<Alarm | undefined>;
    const onAlarm: runtime.Event<(alarm: Alarm) => void>;
  }
  namespace offscreen {
    type Reason = 'WORKERS' | 'BLOBS' | 'DOM_PARSER';
    function createDocument(parameters: { url: string; reasons: Reason[]; justification: string }): Promise<void>;
    function closeDocument(): Promise<void>;
  }
  namespace scripting {
    interface RegisteredContentScript {
      id: string;
      matches?: string[];
      js?: string[];
      allFrames?: boolean;
      runAt?: 'document_start' | 'document_end' | 'document_idle';
      persistAcrossSessions?: boolean;
      world?: 'ISOLATED' | 'MAIN';
    }
    function registerContentScripts(scripts: RegisteredContentScript[]): Promise<void>;
    function unregisterContentScripts(filter?: { ids?: string[] }): Promise<void>;
    function getRegisteredContentScripts(filter?: { ids?: string[] }): Promise<RegisteredContentScript[]>;
    function executeScript(injection: {
      target: { tabId: number; allFrames?: boolean };
      files: string[];
    }): Promise<{ frameId: number; result?: unknown }[]>;
  }
  namespace permissions {
    interface Permissions {
      permissions?: string[];
      origins?: string[];
    }
    function request(permissions: Permissions): Promise<boolean>;
    function contains(permissions: Permissions): Promise<boolean>;
    function remove(permissions: Permissions): Promise<boolean>;
    function getAll(): Promise<Permissions>;
    const onAdded: runtime.Event<(permissions: Permissions) => void>;
    const onRemoved: runtime.Event<(permissions: Permissions) => void>;
  }
  namespace notifications {
    function create(
      notificationId: string,
      options: { type: 'basic'; iconUrl: string; title: string; message: string; priority?: number },
    ): Promise<string>;
    function getAll(): Promise<Record<string, boolean>>;
  }
  namespace tabs {
    interface Tab {
      id?: number;
      url?: string;
      title?: string;
      active?: boolean;
      windowId?: number;
    }
    function query(queryInfo: {
      active?: boolean;
      currentWindow?: boolean;
      lastFocusedWindow?: boolean;
      url?: string | string[];
    }): Promise<Tab[]>;
    function get(tabId: number): Promise<Tab>;
    function create(createProperties: { url: string; active?: boolean }): Promise<Tab>;
    function sendMessage(tabId: number, message: unknown): Promise<unknown>;
    const onRemoved: runtime.Event<(tabId: number) => void>;
  }
  namespace i18n {
    function getUILanguage(): string;
  }
}
