import { mount } from 'svelte';
import Popup from './Popup.svelte';
import { shareLanguage } from '../language';

/**
 * The tab the popup speaks about: the active tab when opened from the toolbar, or `?tab=<id>` when
 * opened as a page (tests, and a pinned popup). Its URL is readable only under the activeTab grant.
 */
async function currentTab(): Promise<{ id: number | null; url: string | null }> {
  const param = new URLSearchParams(location.search).get('tab');
  if (param !== null && /^\d+$/.test(param)) {
    const id = Number(param);
    const tab = await chrome.tabs.get(id).catch(() => null);
    return { id, url: tab?.url ?? null };
  }
  const [tab] = await chrome.tabs.query({ active: true, currentWindow: true });
  return { id: tab?.id ?? null, url: tab?.url ?? null };
}

const target = document.getElementById('popup');
if (!target) throw new Error('popup.html has no #popup element');
const tab = await currentTab();
mount(Popup, { target, props: { tabId: tab.id, tabUrl: tab.url } });
shareLanguage();
