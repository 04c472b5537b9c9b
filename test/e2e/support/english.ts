// What a person sees or hears on a page that is an English sentence (test/support/english.ts): the page's text
// with what it marks as English (lang="en": a reader's own words quoted whole) left out, and the aria-label,
// title, placeholder and alt texts.
import type { Page } from 'playwright-core';
import { englishRuns } from '../../support/english';

/** Every English sentence on the page now, each with where it was found. */
export async function englishOnPage(page: Page, where: string): Promise<string[]> {
  const texts = await page.evaluate(() => {
    const hide = document.createElement('style');
    hide.textContent = '[lang="en"] { display: none !important; }';
    document.head.append(hide);
    const out = [document.body.innerText];
    hide.remove();
    for (const el of document.querySelectorAll('[aria-label], [title], [placeholder], [alt]')) {
      if (el.closest('[lang="en"]')) continue;
      for (const name of ['aria-label', 'title', 'placeholder', 'alt']) {
        const v = el.getAttribute(name);
        if (v) out.push(v);
      }
    }
    out.push(document.title);
    return out;
  });
  return texts.flatMap(text => englishRuns(text).map(run => `${where}: "${run}"`));
}
