// Portal scripts: the capture content script is registered for the portals the merchant turned on (and
// granted the host of), injected on demand into the current tab, and dropped when a host is taken back.
import type { PortalState } from '../messages';
import { hostOrigins, PORTALS, scriptId, type Portal } from '../portals';

const CONTENT_SCRIPT = 'content.js';

async function registerPortal(portal: Portal): Promise<void> {
  const id = scriptId(portal);
  const existing = await chrome.scripting.getRegisteredContentScripts({ ids: [id] });
  if (existing.length > 0) await chrome.scripting.unregisterContentScripts({ ids: [id] });
  await chrome.scripting.registerContentScripts([
    { id, matches: [...portal.matches], js: [CONTENT_SCRIPT], allFrames: true, runAt: 'document_idle', persistAcrossSessions: true },
  ]);
}

/** Every known portal, in the browser's language, and whether capture is on for it (script registered and host granted). */
export async function portalStates(): Promise<PortalState[]> {
  const registered = new Set((await chrome.scripting.getRegisteredContentScripts()).map(s => s.id));
  const lang = chrome.i18n.getUILanguage().toLowerCase().startsWith('zh') ? 'zh' : 'en';
  return Promise.all(
    PORTALS.map(async p => ({
      id: p.id,
      name: p.name[lang],
      enabled: registered.has(scriptId(p)) && (await chrome.permissions.contains({ origins: hostOrigins(p) })),
    })),
  );
}

/** Turns capture on a portal on (after the popup got the merchant's grant) or off, and returns the new states. */
export async function setPortal(id: string, enabled: boolean): Promise<PortalState[]> {
  const portal = PORTALS.find(p => p.id === id);
  if (!portal) throw new Error(`no portal ${id}`);
  if (enabled) {
    // The popup asked the merchant (chrome.permissions.request needs their click); we only act on a real grant.
    if (!(await chrome.permissions.contains({ origins: hostOrigins(portal) }))) throw new Error('host permission not granted');
    await registerPortal(portal);
  } else {
    const script = scriptId(portal);
    if ((await chrome.scripting.getRegisteredContentScripts({ ids: [script] })).length > 0) {
      await chrome.scripting.unregisterContentScripts({ ids: [script] });
    }
    await chrome.permissions.remove({ origins: hostOrigins(portal) }).catch(() => false);
  }
  return portalStates();
}

/** Injects the capture script into a tab the popup was opened on (activeTab grant). */
export async function captureTab(tabId: number): Promise<{ injected: boolean }> {
  try {
    await chrome.scripting.executeScript({ target: { tabId, allFrames: true }, files: [CONTENT_SCRIPT] });
  } catch {
    // A frame from another origin is outside the activeTab grant: capture the page itself.
    await chrome.scripting.executeScript({ target: { tabId }, files: [CONTENT_SCRIPT] });
  }
  return { injected: true };
}

/** Stops injecting on a portal whose host the merchant took back (chrome://extensions). */
export function watchHostRemovals(): void {
  chrome.permissions.onRemoved.addListener(removed => {
    for (const portal of PORTALS) {
      if (hostOrigins(portal).some(o => removed.origins?.includes(o))) {
        void chrome.scripting.unregisterContentScripts({ ids: [scriptId(portal)] }).catch(() => undefined);
      }
    }
  });
}
