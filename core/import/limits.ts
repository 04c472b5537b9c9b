// The bounds every reader keeps, so that no file — hostile, broken or merely odd — can make an import take
// more than time linear in its size, or memory beyond a fixed multiple of it.

/** Elements nested deeper than this refuse an XML or OFX file (camt nests about 15 deep, OFX about 8; libxml2 stops at 256). */
export const MAX_XML_DEPTH = 256;

/**
 * The most bytes a zip archive (an .xlsx, an Alipay bill) may inflate to, counted as they are inflated,
 * whatever its headers declare. A 160 KB Zettle statement inflates to 1.2 MB; a year of Alipay CSVs to ~60 MB.
 */
export const MAX_INFLATED_BYTES = 256 << 20;

/** The most characters of a cell (or any input text) an issue's message quotes; longer text is cut with "…". */
export const MAX_QUOTED = 80;

/**
 * A function giving the 1-based line of an offset in `text`, for offsets asked in increasing order. It keeps
 * the next line break it found, so a file written on one line is not searched to its end at every tag.
 */
export function lineCounter(text: string): (at: number) => number {
  let line = 1;
  let next = text.indexOf('\n');
  if (next < 0) next = Infinity;
  return (at: number): number => {
    while (next < at) {
      line++;
      next = text.indexOf('\n', next + 1);
      if (next < 0) next = Infinity;
    }
    return line;
  };
}

/** `text` as a message may quote it: at most {@link MAX_QUOTED} characters, cut with "…". */
export function shown(text: string, max = MAX_QUOTED): string {
  return text.length <= max ? text : `${text.slice(0, max)}…`;
}

/** A message longer than this is cut (after its quoted parts are) so that no issue echoes a file. */
const MAX_MESSAGE = 400;

/**
 * An issue's message with every quoted piece ("…" or '…') longer than {@link MAX_QUOTED} characters cut,
 * and the whole at most 400 characters. Applied to every issue a parse returns, so a bad 5 MB cell is
 * never echoed whole whichever reader quoted it.
 */
export function boundMessage(message: string): string {
  if (message.length <= MAX_QUOTED) return message;
  const cut = message.replace(QUOTED, (whole, double: string | undefined, single: string | undefined) => {
    const inner = double ?? single ?? '';
    if (inner.length <= MAX_QUOTED) return whole;
    const q = double !== undefined ? '"' : "'";
    return `${q}${shown(inner)}${q}`;
  });
  return cut.length <= MAX_MESSAGE ? cut : `${cut.slice(0, MAX_MESSAGE)}…`;
}

// A run of quote-free text between double quotes, or between single quotes that do not stand inside a word.
const QUOTED = /"([^"]*)"|(?<![\w])'([^']*)'(?![\w])/g;
