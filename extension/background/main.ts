// The MV3 service worker: it routes messages and wires the jobs, each in its own file — offscreen.ts
// (the worker's document), badge.ts, notifications.ts, alarms.ts, captures.ts (content scripts and tab
// captures), portals.ts (portal scripts), bridge.ts (the PWA in the same browser). Parsing and matching
// run in the worker the offscreen document hosts. Trust tiers, as uBlock's background does it: every message's allowed senders are fixed in
// messages.ts and checked from the browser-stamped sender before anything runs; the handler table is
// exhaustive (a message without a handler does not compile).
import { handleMessages, POPUP_PORT, senderContext, type Handlers, type PopupNotice } from '../messages';
import { getSession, LOCAL, onLocalChanged, SESSION } from '../storage';
import { startAlarms } from './alarms';
import { onBadgeShown, refreshBadge } from './badge';
import { bridgeState, confirmPairing, forgetPairing, listenToPwa, refusePairing } from './bridge';
import { forgetClosedTabs, fromContentScripts, onCaptureNotice, tabSummary } from './captures';
import { currentToday } from './clock';
import { toOffscreen } from './offscreen';
import { captureTab, portalStates, setPortal, watchHostRemovals } from './portals';

/** Tier 2, the extension's own pages (popup, ledger page; the offscreen document for ledger.changed). */
const fromExtensionPages: Handlers<'background', 'page'> = {
  'popup.tabSummary': ({ tabId, url }) => tabSummary(tabId, url),
  'popup.overview': async () => toOffscreen('offscreen.overview', { today: await currentToday() }),
  'popup.captureTab': ({ tabId, acquirer }) => captureTab(tabId, acquirer),
  'popup.portals': () => portalStates(),
  'popup.setPortal': ({ portal, enabled }) => setPortal(portal, enabled),
  'ledger.changed': () => refreshBadge(),
  'badge.get': async () => (await getSession(SESSION.badge)) ?? refreshBadge(),
  'bridge.state': () => bridgeState(),
  'bridge.confirm': ({ origin, code }) => confirmPairing(origin, code),
  'bridge.refuse': ({ origin }) => refusePairing(origin),
  'bridge.forget': ({ origin }) => forgetPairing(origin),
};

handleMessages('background', { ...fromContentScripts, ...fromExtensionPages });
// Tier 3, the PWA in this browser (externally_connectable): its own listener, its own checks (bridge.ts).
listenToPwa();

// Open popups listen on a port and refresh when the badge changes (new rows, a new date, another context's import).
const popups = new Set<chrome.runtime.Port>();
chrome.runtime.onConnect.addListener(port => {
  if (port.name !== POPUP_PORT || !port.sender || senderContext(port.sender, chrome.runtime.id) !== 'page') {
    port.disconnect();
    return;
  }
  popups.add(port);
  port.onDisconnect.addListener(() => popups.delete(port));
});
function tellPopups(): void {
  for (const port of popups) port.postMessage({ changed: true } satisfies PopupNotice);
}
onBadgeShown(tellPopups);
onCaptureNotice(tellPopups);

startAlarms(refreshBadge);
onLocalChanged(LOCAL.todayOverride, () => void refreshBadge());
forgetClosedTabs();
watchHostRemovals();
