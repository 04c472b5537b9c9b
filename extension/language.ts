// The merchant's language, shared by the extension's pages and its background: the popup and the ledger page
// remember it in their origin's localStorage (the ledger app's i18n), and the background, which has no
// localStorage, reads it from chrome.storage for the badge title and notifications.
import { i18n } from '../pwa/src/lib/i18n.svelte';
import { sendMessage } from './messages';
import { getLocal, LOCAL, setLocal } from './storage';

/** Keeps chrome.storage's language the page's, and has the badge re-worded when it changes. */
export function shareLanguage(): void {
  i18n.follow(locale => {
    void getLocal(LOCAL.lang).then(async stored => {
      if (stored === locale) return;
      await setLocal(LOCAL.lang, locale);
      await sendMessage('ledger.changed', {});
    });
  });
}
