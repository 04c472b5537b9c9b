// Reading the input files of one command, on several cores when they are big enough to be worth it.
// A year of card payments is two or three exports of tens of megabytes each; parsing them is most of a
// reconciliation's time, and each file parses on its own. The main thread reads the largest share
// itself while worker threads read the rest and hand their transactions back as columns (PackedTxns):
// typed arrays move without copying, and rebuilding the objects costs a fraction of parsing them.
import { readFileSync, statSync, type Stats } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Worker, parentPort, workerData } from 'node:worker_threads';
import { detectFormat, parseFile } from '../import/detect';
import { MAX_INPUT_BYTES } from '../import/limits';
import { findProfile, parseWithProfile, type MappingProfile } from '../import/mapping/index';
import { packedBuffers, packTxns, unpackTxns, type PackedTxns } from '../model/packed';
import type { ParseResult } from '../model/types';
import type { DateOrder } from '../model/date';

/** One file to read; `timezone` is the zone of an explicitly named acquirer profile, `dateOrder` the one --date-order gives. */
export interface ReadTask {
  readonly path: string;
  readonly timezone?: string;
  readonly dateOrder?: DateOrder;
}

/** A file that cannot be read at all (missing, unreadable): the message names it. */
export class UnreadableFile extends Error {}

export interface ReadOptions {
  /** Saved column mappings for files no built-in format reads. */
  readonly mappings: readonly MappingProfile[];
  /** Prints reading progress on stderr. */
  readonly progress: boolean;
  /** The bundled command line, which is also the worker threads' script. */
  readonly script: URL;
}

/** Threads to use: SETTLEWATCH_THREADS when set (1 = read on the main thread only), else the cores. */
function threadsWanted(): { threads: number; forced: boolean } {
  const env = process.env.SETTLEWATCH_THREADS;
  if (env !== undefined && /^\d+$/.test(env)) return { threads: Math.max(1, Number(env)), forced: true };
  return { threads: availableParallelism(), forced: false };
}

/** Below this many bytes in its files, a worker thread costs more to start than it saves. */
const WORTH_A_THREAD = 4 << 20;

/** What a path that is not a regular file is, in words. */
function kindOf(stat: Stats): string {
  if (stat.isDirectory()) return 'a directory';
  if (stat.isFIFO()) return 'a named pipe (FIFO)';
  if (stat.isCharacterDevice()) return 'a character device';
  if (stat.isBlockDevice()) return 'a block device';
  if (stat.isSocket()) return 'a socket';
  return 'not a regular file';
}

const GIB = 1 << 30;
const sizeText = (bytes: number): string => (bytes >= GIB ? `${(bytes / GIB).toFixed(1)} GiB` : `${Math.ceil(bytes / (1 << 20))} MiB`);

/**
 * The bytes of an input file. Only a regular file of at most MAX_INPUT_BYTES (1 GiB) is read: a directory,
 * a FIFO or a device (/dev/zero, /dev/urandom) is refused at once, before it is opened (opening a FIFO
 * would wait for a writer; a device never ends).
 */
export function readBytes(path: string): Uint8Array {
  const failed = (err: unknown): UnreadableFile =>
    new UnreadableFile(`${path}: cannot read the file (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
  let stat: Stats;
  try {
    stat = statSync(path);
  } catch (err) {
    throw failed(err);
  }
  if (!stat.isFile()) throw new UnreadableFile(`${path}: ${kindOf(stat)}, not a regular file; settlewatch reads only regular files`);
  const tooBig = (size: number): UnreadableFile =>
    new UnreadableFile(
      `${path}: ${sizeText(size)} is more than the ${sizeText(MAX_INPUT_BYTES)} settlewatch reads from one file (a year of card payments is about 130 MB); export a shorter period`,
    );
  if (stat.size > MAX_INPUT_BYTES) throw tooBig(stat.size);
  let buf: Buffer;
  try {
    buf = readFileSync(path);
  } catch (err) {
    throw failed(err);
  }
  // A file that grew past the cap between stat and read is refused the same way.
  if (buf.byteLength > MAX_INPUT_BYTES) throw tooBig(buf.byteLength);
  // A view, not `new Uint8Array(buf)`: that copies the file (80 MB for a year of Lakala rows).
  return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
}

/** Parses one file: a saved mapping for files no format recognises, else the format detected. */
function parsePath(task: ReadTask, options: Pick<ReadOptions, 'mappings' | 'progress'>): ParseResult {
  const { path, timezone, dateOrder } = task;
  const bytes = readBytes(path);
  if (options.mappings.length && !detectFormat(bytes)) {
    const profile = findProfile(bytes, options.mappings);
    if (profile) return parseWithProfile(bytes, profile, { fileName: path });
  }
  let shown = -1;
  const onProgress = options.progress
    ? (share: number) => {
        const pct = Math.floor(share * 10) * 10;
        if (pct > shown) {
          shown = pct;
          process.stderr.write(`settlewatch: reading ${path} ${pct}%\n`);
        }
      }
    : undefined;
  return parseFile(bytes, {
    fileName: path,
    chunkBytes: 64 << 10,
    ...(timezone ? { timezone } : {}),
    ...(dateOrder ? { dateOrder } : {}),
    ...(onProgress ? { onProgress } : {}),
  });
}

/** What a worker thread posts for each of its files. */
type Posted =
  | { readonly index: number; readonly result: ParseResult; readonly packed: PackedTxns }
  | { readonly index: number; readonly unreadable: string };

interface WorkerJob {
  readonly tasks: readonly { readonly index: number; readonly task: ReadTask }[];
  readonly mappings: readonly MappingProfile[];
}

/** The worker thread's side: parse each file of the job and post it back as columns. */
export function runReaderThread(): void {
  const job = workerData as WorkerJob;
  for (const { index, task } of job.tasks) {
    let message: Posted;
    let transfer: ArrayBuffer[] = [];
    try {
      const result = parsePath(task, { mappings: job.mappings, progress: false });
      const packed = packTxns(result.acquirerTxns);
      transfer = packedBuffers(packed);
      message = { index, result: { ...result, acquirerTxns: [] }, packed };
    } catch (err) {
      if (!(err instanceof UnreadableFile)) throw err;
      message = { index, unreadable: err.message };
    }
    parentPort!.postMessage(message, transfer);
  }
}

/**
 * Reads `tasks`, in their order, each as ParseResult or the UnreadableFile error. Files are shared out
 * largest first to whichever thread has the least to read; results do not depend on how.
 */
export async function readAll(tasks: readonly ReadTask[], options: ReadOptions): Promise<(ParseResult | UnreadableFile)[]> {
  const readHere = (task: ReadTask): ParseResult | UnreadableFile => {
    try {
      return parsePath(task, options);
    } catch (err) {
      if (err instanceof UnreadableFile) return err;
      throw err;
    }
  };
  const sizes = tasks.map(t => {
    try {
      return statSync(t.path).size;
    } catch {
      return 0;
    }
  });
  const { threads, forced } = threadsWanted();
  const bySize = tasks.map((_, i) => i).sort((a, b) => sizes[b]! - sizes[a]! || a - b);
  const worthIt = forced || bySize.slice(1).some(i => sizes[i]! >= WORTH_A_THREAD);
  const lanes = Math.min(threads, tasks.length);
  if (lanes < 2 || !worthIt) return tasks.map(readHere);

  // Longest first, each to the least loaded lane; lane 0 is this thread.
  const load = new Array<number>(lanes).fill(0);
  const assigned: number[][] = Array.from({ length: lanes }, () => []);
  for (const i of bySize) {
    const lane = load.indexOf(Math.min(...load));
    assigned[lane]!.push(i);
    load[lane]! += sizes[i]! || 1;
  }
  const results = new Array<ParseResult | UnreadableFile>(tasks.length);
  const workers = assigned
    .slice(1)
    .filter(list => list.length > 0)
    .map(list => {
      const job: WorkerJob = { tasks: list.map(index => ({ index, task: tasks[index]! })), mappings: options.mappings };
      const worker = new Worker(options.script, { workerData: job });
      return new Promise<void>((done, fail) => {
        let left = list.length;
        worker.on('message', (m: Posted) => {
          results[m.index] = 'unreadable' in m ? new UnreadableFile(m.unreadable) : { ...m.result, acquirerTxns: unpackTxns(m.packed) };
          if (--left === 0) {
            void worker.terminate();
            done();
          }
        });
        worker.on('error', fail);
        worker.on('exit', code => {
          if (left > 0)
            fail(new Error(`a reader thread stopped (exit code ${code}) before reading ${list.map(i => tasks[i]!.path).join(', ')}`));
        });
      });
    });
  if (options.progress) process.stderr.write(`settlewatch: reading ${tasks.length} files on ${workers.length + 1} threads\n`);
  for (const i of assigned[0]!) results[i] = readHere(tasks[i]!);
  await Promise.all(workers);
  return results;
}
