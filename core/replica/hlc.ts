// Hybrid logical clocks (Kulkarni et al., "Logical Physical Clocks", 2014): a stamp is the wall time in
// milliseconds, a counter for writes in the same millisecond or after a clock that ran ahead, and the device
// that wrote it. Stamps are written as fixed-width strings, so comparing the strings compares the clocks, and
// two devices never write the same stamp. A person's records (decisions, settings, mappings, cases…) carry
// one, and merging keeps the record with the latest.

/** A clock stamp as a string that sorts in clock order: `<wall ms, 15 digits>.<counter, 6 digits>.<device>`. */
export type HlcStamp = string;

/** A stamp's parts. */
export interface Hlc {
  readonly wall: number;
  readonly counter: number;
  readonly device: string;
}

const WALL_DIGITS = 15;
const COUNTER_DIGITS = 6;
const MAX_COUNTER = 10 ** COUNTER_DIGITS - 1;

/** The stamp of a clock reading. */
export function formatHlc(h: Hlc): HlcStamp {
  return `${String(Math.max(0, Math.floor(h.wall))).padStart(WALL_DIGITS, '0')}.${String(h.counter).padStart(COUNTER_DIGITS, '0')}.${h.device}`;
}

/** A stamp's parts, or null when the text is not a stamp. */
export function parseHlc(stamp: string): Hlc | null {
  const m = /^(\d{15})\.(\d{6})\.(.*)$/s.exec(stamp);
  return m ? { wall: Number(m[1]), counter: Number(m[2]), device: m[3]! } : null;
}

/** Orders two stamps: negative when `a` is earlier. */
export function compareHlc(a: HlcStamp, b: HlcStamp): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The stamp of a record written before records had clocks (or by code that stamps only a time): its
 * ISO time, counter 0, and no device, so any stamp a device writes later at the same millisecond wins.
 */
export function hlcFromIso(iso: string | null | undefined): HlcStamp {
  const wall = iso ? Date.parse(iso) : NaN;
  return formatHlc({ wall: Number.isFinite(wall) ? wall : 0, counter: 0, device: '' });
}

/**
 * A device's clock. `tick` stamps a local write; `observe` moves the clock past a stamp received from
 * another device, so the next local write orders after everything this device has seen, even when its
 * wall clock runs behind. The wall time is a parameter (the core reads no clock itself).
 */
export class HlcClock {
  private wall = 0;
  private counter = 0;

  constructor(
    readonly device: string,
    private readonly now: () => number,
    last?: HlcStamp | null,
  ) {
    if (last) this.observe(last);
  }

  /** A stamp for a write made now, later than every stamp this clock made or observed. */
  tick(): HlcStamp {
    const physical = Math.floor(this.now());
    if (physical > this.wall) {
      this.wall = physical;
      this.counter = 0;
    } else this.advanceCounter();
    return formatHlc({ wall: this.wall, counter: this.counter, device: this.device });
  }

  /** Moves the clock past a stamp from elsewhere (a merged record). */
  observe(stamp: HlcStamp): void {
    const h = parseHlc(stamp);
    if (!h) return;
    if (h.wall > this.wall) {
      this.wall = h.wall;
      this.counter = h.counter;
    } else if (h.wall === this.wall && h.counter > this.counter) this.counter = h.counter;
  }

  private advanceCounter(): void {
    // A counter that would overflow its digits borrows the next millisecond instead: stamps stay ordered.
    if (this.counter < MAX_COUNTER) this.counter++;
    else {
      this.wall++;
      this.counter = 0;
    }
  }
}
