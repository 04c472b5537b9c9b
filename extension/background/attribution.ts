// Whom captured rows belong to (issue 16: a page that printed Lakala's merchant number got its rows
// stored under Lakala, whatever the site). The answer comes from what the browser stamped on the message,
// the sender's URL and origin, never from the message itself or what the page prints: a page on a known
// portal host captures for that portal; any other site only for the acquirer the merchant picked in the
// popup for "Capture this page", on that tab and that origin. Anything else is refused with the reason.
import type { CaptureOwner } from '../../core/ledger/types';
import { portalForUrl, PORTALS, type Portal } from '../portals';
import type { CapturePick } from '../storage';

/** What the browser stamped on a content script's message (chrome.runtime.MessageSender, the fields used). */
export interface StampedSender {
  /** The URL of the frame that sent it. */
  readonly url?: string;
  /** The origin of that frame, when the browser reports one. */
  readonly origin?: string;
}

/** The owner of a capture with the currency of cells that name none (null: the browser language's), or why it is refused. */
export type Attribution =
  | { readonly ok: true; readonly owner: CaptureOwner; readonly currency: string | null; readonly site: string }
  | { readonly ok: false; readonly message: string };

/**
 * The owner for a known portal. Its export format finds its profiles only when no other portal shares
 * it: Lakala's and ChinaUMS's exports are both `cn-acquirer`, so a ChinaUMS page must not fill the
 * merchant's Lakala profile (their profiles are found by id, `lakala` / `lakala-…`).
 */
export function portalOwner(portal: Portal): CaptureOwner {
  const shared = PORTALS.some(p => p.id !== portal.id && p.exportFormat !== null && p.exportFormat === portal.exportFormat);
  return { by: 'portal', portal: portal.id, exportFormat: shared ? null : portal.exportFormat };
}

/** The owner of a portal id or profile id the merchant picked. */
function ownerOfPick(acquirer: string): { owner: CaptureOwner; currency: string | null } {
  const portal = PORTALS.find(p => p.id === acquirer);
  if (portal) return { owner: portalOwner(portal), currency: portal.currency };
  return { owner: { by: 'pick', acquirer }, currency: null };
}

/** Who the rows a content script sent belong to, from the stamped sender and the tab's pick. */
export function attributeCapture(sender: StampedSender, pick: CapturePick | undefined): Attribution {
  let url: URL;
  try {
    url = new URL(sender.url ?? '');
  } catch {
    return { ok: false, message: 'refused: the browser gave no address for the page the rows come from' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    return { ok: false, message: `refused: rows from a ${url.protocol} page are not captured` };
  if (sender.origin !== undefined && sender.origin !== url.origin) {
    return { ok: false, message: `refused: the page's origin ${sender.origin} is not that of its address ${url.origin}` };
  }
  const portal = portalForUrl(url.href);
  if (portal) {
    return { ok: true, owner: portalOwner(portal), currency: portal.currency, site: url.host };
  }
  if (pick && pick.origin === url.origin) return { ok: true, ...ownerOfPick(pick.acquirer), site: url.host };
  return {
    ok: false,
    message:
      `refused: ${url.host} is not a known portal of any acquirer, so its rows are not stored for one by what the page prints; ` +
      'to capture it, choose the acquirer in the Settlewatch popup and press "Capture this page"',
  };
}

/** The pick to remember for a tab showing `tabUrl`, or why it cannot be made. */
export function pickFor(
  tabUrl: string | undefined,
  acquirer: string,
): { readonly ok: true; readonly pick: CapturePick } | { readonly ok: false; readonly message: string } {
  if (acquirer.length === 0 || acquirer.length > 100) return { ok: false, message: 'choose the acquirer the rows of this page belong to' };
  let url: URL;
  try {
    url = new URL(tabUrl ?? '');
  } catch {
    return { ok: false, message: 'cannot tell which site this tab shows' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { ok: false, message: `a ${url.protocol} page cannot be captured` };
  return { ok: true, pick: { acquirer, origin: url.origin } };
}
