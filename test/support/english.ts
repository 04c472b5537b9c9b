// What counts as an English sentence on a Chinese screen: a run of three or more Latin words. Ids, file
// names, currency codes and format names are not words here: a token with a digit, a dot, a slash, an
// underscore or a hyphen inside it, or one in capitals only (CNY, OFX, PDNG), does not count and breaks no run.

const TOKEN = /[A-Za-z0-9][A-Za-z0-9'’._\-/]*/g;

/** Whether a token counts as an English word. */
function isWord(token: string): boolean {
  if (/[\d._\-/]/.test(token)) return false; // an id, a file name, a format name, a path
  if (token === token.toUpperCase()) return false; // a code: CNY, EUR, OFX, MT, PDNG
  return /^[A-Za-z][a-z'’]*$/.test(token) || /^[A-Z][a-zA-Z]+$/.test(token);
}

/** The runs of 3+ English words in `text` (words separated by spaces and punctuation only). */
export function englishRuns(text: string): string[] {
  const runs: string[] = [];
  let run: string[] = [];
  let lastEnd = -1;
  const close = () => {
    if (run.length >= 3) runs.push(run.join(' '));
    run = [];
  };
  for (const m of text.matchAll(TOKEN)) {
    const token = m[0].replace(/[.'’\-/]+$/, '');
    const gap = lastEnd < 0 ? '' : text.slice(lastEnd, m.index);
    // Words joined by anything but spaces and ASCII punctuation (a Chinese character, a digit run) are not one sentence.
    if (!/^[\s,;:!?()"'“”‘’—–-]*$/.test(gap)) close();
    if (isWord(token)) run.push(token);
    else close();
    lastEnd = m.index + m[0].length;
  }
  close();
  return runs;
}
