/**
 * Field boundaries of one delimited line, found without splitting it into strings: the million-row
 * importers read amounts and flags straight from the line and cut out only the strings they keep.
 * Handles Excel guards the way cleanCell does (`="0123"`, a leading TAB, surrounding spaces or quotes);
 * a line with quotes anywhere else is left to the general reader (`scan` returns false).
 */
export class FieldScanner {
  private starts = new Int32Array(64);
  private ends = new Int32Array(64);
  line = '';
  count = 0;

  /**
   * Finds the fields of `line[from, to)` (the whole line by default); false when it holds more or fewer
   * than `width`, or quotes it cannot place. Field offsets are offsets in `line`. A caller reading lines
   * of a larger text in order passes `firstQuote`, the first `"` at or after `from` (or any position ≥
   * `to` when there is none): a search of its own could run on to the text's end on every line.
   */
  scan(line: string, delimiter: string, width: number, from = 0, to = line.length, firstQuote?: number): boolean {
    if (width > this.starts.length) {
      this.starts = new Int32Array(width * 2);
      this.ends = new Int32Array(width * 2);
    }
    this.line = line;
    // Every quote must be one of a guard's pair: counted once for the line, then matched field by field.
    let quotes = 0;
    if (firstQuote === undefined) {
      for (let i = from; i < to; i++) if (line.charCodeAt(i) === 0x22) quotes++;
    } else for (let q = firstQuote; q >= 0 && q < to; q = line.indexOf('"', q + 1)) quotes++;
    let placed = 0;
    let pos = from;
    let k = 0;
    for (;;) {
      let next = line.indexOf(delimiter, pos);
      if (next >= to) next = -1;
      const end = next < 0 ? to : next;
      if (k >= width) return next < 0 && end === pos && placed === quotes; // only an empty trailing field may follow
      let s = pos,
        e = end;
      while (s < e && isBlank(line.charCodeAt(s))) s++;
      while (e > s && isBlank(line.charCodeAt(e - 1))) e--;
      if (quotes > 0) {
        const c = line.charCodeAt(s);
        let open = false;
        if (c === 0x3d && line.charCodeAt(s + 1) === 0x22) {
          s += 2;
          open = true;
        } else if (c === 0x22) {
          s++;
          open = true;
        }
        if (open) {
          if (e - 1 < s || line.charCodeAt(e - 1) !== 0x22) return false;
          e--;
          placed += 2;
          while (s < e && isBlank(line.charCodeAt(s))) s++;
          while (e > s && isBlank(line.charCodeAt(e - 1))) e--;
        }
      }
      // WeChat Pay's backtick and an apostrophe guard a number against Excel.
      const g = line.charCodeAt(s);
      if ((g === 0x60 || g === 0x27) && s < e) {
        s++;
        while (s < e && isBlank(line.charCodeAt(s))) s++;
      }
      this.starts[k] = s;
      this.ends[k] = e;
      k++;
      if (next < 0) break;
      pos = next + 1;
    }
    this.count = k;
    return k === width && placed === quotes;
  }

  /** The text of field `k` (empty when there is no such field). */
  text(k: number): string {
    return k < 0 || k >= this.count ? '' : this.line.slice(this.starts[k], this.ends[k]);
  }

  /** True when field `k` is empty. */
  empty(k: number): boolean {
    return k < 0 || k >= this.count || this.starts[k] === this.ends[k];
  }

  /** True when field `k` is exactly `value`, compared in place. */
  is(k: number, value: string): boolean {
    if (k < 0 || k >= this.count) return value === '';
    const s = this.starts[k]!;
    return this.ends[k]! - s === value.length && this.line.startsWith(value, s);
  }

  /** True when field `k` contains `part`. */
  has(k: number, part: string): boolean {
    if (k < 0 || k >= this.count) return false;
    // Compared in place at each position: an indexOf could run on past the line to the chunk's end.
    for (let i = this.starts[k]!, last = this.ends[k]! - part.length; i <= last; i++) if (this.line.startsWith(part, i)) return true;
    return false;
  }

  /** Start and end offsets of field `k` in the line. */
  start(k: number): number {
    return this.starts[k]!;
  }
  end(k: number): number {
    return this.ends[k]!;
  }
}

function isBlank(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x3000 || c === 0xa0 || c === 0xfeff || c === 0x0d;
}
