// Standard output for documents of a million rows: written in pieces, never built whole.
import { writeSync } from 'node:fs';
import type { JsonSink } from '../export/report';

/** Writes bytes to a file descriptor completely, retrying when a pipe is full. */
export function writeBytes(fd: number, bytes: Uint8Array): void {
  let buf = bytes;
  while (buf.length > 0) {
    try {
      buf = buf.subarray(writeSync(fd, buf));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EAGAIN') throw err;
    }
  }
}

/** Writes text to a file descriptor completely, as UTF-8. */
export function writeAll(fd: number, text: string): void {
  if (text.length > 0) writeBytes(fd, Buffer.from(text, 'utf8'));
}

/** Buffered text output. */
export class Out {
  private parts: string[] = [];
  private size = 0;
  constructor(private readonly fd = 1) {}
  write(s: string): void {
    this.parts.push(s);
    this.size += s.length;
    if (this.size > 1 << 20) this.flush();
  }
  flush(): void {
    if (this.parts.length) writeAll(this.fd, this.parts.join(''));
    this.parts = [];
    this.size = 0;
  }
}

const encoder = new TextEncoder();

/**
 * Buffered UTF-8 output that writes JSON strings straight into bytes. The report's million ids are
 * ASCII with nothing to escape, and each goes in character by character: no concatenated strings,
 * no copies for the collector. Anything else (escapes, non-ASCII) goes through JSON.stringify.
 */
export class JsonBytes implements JsonSink {
  private buf = new Uint8Array(1 << 20);
  private pos = 0;
  constructor(private readonly fd = 1) {}

  /** Appends bytes already encoded (a piece repeated many times is encoded once). */
  bytes(b: Uint8Array): void {
    if (this.pos + b.length > this.buf.length) this.make(b.length);
    this.buf.set(b, this.pos);
    this.pos += b.length;
  }

  /** Appends text as is (markup such as `,"id":`), UTF-8 encoded. */
  raw(s: string): void {
    if (this.pos + s.length * 3 > this.buf.length) this.make(s.length * 3);
    this.pos += encoder.encodeInto(s, this.buf.subarray(this.pos)).written;
  }

  /** Appends `s` as a JSON string literal. */
  string(s: string): void {
    const n = s.length;
    if (this.pos + n + 2 > this.buf.length) this.make(n + 2);
    const buf = this.buf;
    let p = this.pos;
    buf[p++] = 0x22;
    for (let k = 0; k < n; k++) {
      const c = s.charCodeAt(k);
      if (c < 0x20 || c >= 0x7f || c === 0x22 || c === 0x5c) {
        this.raw(JSON.stringify(s));
        return;
      }
      buf[p++] = c;
    }
    buf[p++] = 0x22;
    this.pos = p;
  }

  /** Room for `more` bytes: flushes, and grows the buffer for a piece larger than it. */
  private make(more: number): void {
    this.flush();
    if (more > this.buf.length) this.buf = new Uint8Array(more);
  }

  flush(): void {
    writeBytes(this.fd, this.buf.subarray(0, this.pos));
    this.pos = 0;
  }
}
