// settlewatch.report/1 (spec/reconcile.md), written in pieces: the CLI writes it to standard output and
// the apps' worker into a downloadable file, byte for byte the same document from the same reconciliation.
import { renderAlert, type Lang } from '../messages/index';
import type { Alert, Reconciliation } from '../reconcile/types';

/** Where the report's pieces go: markup and pre-encoded bytes as they are, ids as JSON string literals. */
export interface JsonSink {
  /** Appends text as is (markup such as `,"id":`). */
  raw(s: string): void;
  /** Appends `s` as a JSON string literal. */
  string(s: string): void;
  /** Appends bytes already UTF-8 encoded (a piece repeated many times is encoded once). */
  bytes(b: Uint8Array): void;
}

const encoder = new TextEncoder();

/** `json` as UTF-8 bytes, for pieces written many times. */
export const jsonBytes = (json: string): Uint8Array => encoder.encode(json);

/** An alert as settlewatch.report/1 prints it: its `message` rendered in `lang`, after `params`. */
export function printedAlert(alert: Alert, lang: Lang): Alert & { readonly message: string } {
  const { code, dismissed, ...facts } = alert;
  return { ...facts, message: renderAlert(alert, lang), code, ...(dismissed ? { dismissed } : {}) };
}

/** Writes settlewatch.report/1 of a reconciliation to `out` (a million transactions are ~100 MB of JSON). */
export function writeReport(rec: Reconciliation, lang: Lang, out: JsonSink): void {
  const { report } = rec;
  out.raw(`{"schema":"settlewatch.report/1","asOf":${JSON.stringify(report.asOf)},"transactions":[\n`);
  // Every transaction of a batch ends its line the same way (acquirer, status, due date, bank lines):
  // that tail is encoded once per batch, and each line adds only its id.
  const tails = new Map<number, Uint8Array>();
  const open = jsonBytes('{"id":'),
    next = jsonBytes(',\n{"id":');
  for (let k = 0; k < rec.transactionCount; k++) {
    const b = rec.batchIndexOf(k);
    let tail = b >= 0 ? tails.get(b) : undefined;
    if (tail === undefined) {
      const t = rec.transactionAt(k);
      tail = jsonBytes(
        `,"acquirer":${JSON.stringify(t.acquirer)},"status":"${t.status}","expectedOn":${JSON.stringify(t.expectedOn)},"bankLineIds":${JSON.stringify(t.bankLineIds)}}`,
      );
      if (b >= 0) tails.set(b, tail);
    }
    out.bytes(k ? next : open);
    out.string(rec.transactionIdAt(k));
    out.bytes(tail);
  }
  out.raw(`\n],"alerts":[\n`);
  report.alerts.forEach((a, k) => out.raw((k ? ',\n' : '') + JSON.stringify(printedAlert(a, lang))));
  const coverage = report.coverage.map(({ account, covered, gaps }) => JSON.stringify({ account, covered, gaps }));
  out.raw(`\n],"coverage":[${coverage.join(',\n')}]}\n`);
}

/** Bytes per block of {@link JsonParts}. */
const REPORT_BLOCK = 1 << 20;

/**
 * A sink that collects the document as UTF-8 in blocks of 1 MiB, for a Blob (`new Blob(sink.parts)`) or a test:
 * a year's report has millions of pieces, which as Blob parts one by one would cost far more than the text.
 */
export class JsonParts implements JsonSink {
  readonly parts: Uint8Array[] = [];
  private block = new Uint8Array(REPORT_BLOCK);
  private pos = 0;

  raw(s: string): void {
    this.bytes(encoder.encode(s));
  }
  string(s: string): void {
    this.raw(JSON.stringify(s));
  }
  bytes(b: Uint8Array): void {
    if (this.pos + b.length > this.block.length) {
      this.end();
      if (b.length > this.block.length) {
        this.parts.push(b.slice());
        return;
      }
    }
    this.block.set(b, this.pos);
    this.pos += b.length;
  }
  /** Closes the block being filled; call once after the last piece. */
  end(): Uint8Array[] {
    if (this.pos > 0) this.parts.push(this.block.slice(0, this.pos));
    this.block = new Uint8Array(REPORT_BLOCK);
    this.pos = 0;
    return this.parts;
  }
}
