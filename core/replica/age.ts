// The encrypted replica file: the payload (codec.ts) in the age format (age-encryption.org/v1) with a
// passphrase recipient (scrypt), so a backup also opens with the standalone tool: `age -d FILE | gunzip`.
// A wrong passphrase, a file that is not age, a damaged or cut file are told apart and given as codes the
// screens and the command line word; nothing is read from a file until it has decrypted whole (age
// authenticates every 64 KiB chunk and the end of the stream).
import { Decrypter, Encrypter } from 'age-encryption';
import { concat, encodeReplica, PayloadError, ReplicaDecoder } from './codec';
import type { Replica } from './replica';

/** scrypt's work factor (log2 N): age's own default, which its tool accepts when decrypting. */
export const SCRYPT_WORK_FACTOR = 18;

/** Why a replica file could not be opened; the ledger is left as it was. */
export type ReplicaFileError =
  'replica_wrong_passphrase' | 'replica_not_age' | 'replica_damaged' | 'replica_unsupported' | 'replica_no_passphrase';

/** A replica file opened, or why not (the detail is the library's or the reader's words, for logs). */
export type OpenedReplica =
  | { readonly ok: true; readonly replica: Replica; readonly createdAt: string | null }
  | { readonly ok: false; readonly code: ReplicaFileError; readonly detail: string };

/** Where writing or reading a replica file stands. */
export interface FileProgress {
  readonly stage: 'key' | 'encode' | 'encrypt' | 'decrypt' | 'decode';
  readonly share: number;
}

const AGE_MAGIC = 'age-encryption.org/v1\n';

/** Writes a replica as an encrypted file (its bytes). `workFactor` lower than the default is for tests only. */
export async function writeReplicaFile(
  replica: Replica,
  passphrase: string,
  createdAt: string,
  progress?: (p: FileProgress) => void,
  workFactor = SCRYPT_WORK_FACTOR,
): Promise<Uint8Array> {
  if (!passphrase) throw new Error('a replica file needs a passphrase');
  const parts: Uint8Array[] = [];
  encodeReplica(
    replica,
    createdAt,
    p => parts.push(p),
    share => progress?.({ stage: 'encode', share }),
  );
  const payload = concat(parts);
  progress?.({ stage: 'key', share: 0 });
  const e = new Encrypter();
  e.setPassphrase(passphrase);
  e.setScryptWorkFactor(workFactor);
  progress?.({ stage: 'encrypt', share: 0 });
  const file = await e.encrypt(payload);
  progress?.({ stage: 'encrypt', share: 1 });
  return file;
}

/** Opens an encrypted replica file with a passphrase. Never throws: a failure is a code. */
export async function openReplicaFile(file: Uint8Array, passphrase: string, progress?: (p: FileProgress) => void): Promise<OpenedReplica> {
  if (!passphrase) return { ok: false, code: 'replica_no_passphrase', detail: 'no passphrase was given' };
  if (!startsWithMagic(file)) return { ok: false, code: 'replica_not_age', detail: 'the file does not start with the age header' };
  let payload: Uint8Array;
  try {
    const d = new Decrypter();
    d.addPassphrase(passphrase);
    progress?.({ stage: 'decrypt', share: 0 });
    payload = await d.decrypt(file);
    progress?.({ stage: 'decrypt', share: 1 });
  } catch (err) {
    const detail = err instanceof Error ? err.message : String(err);
    // The scrypt stanza opens only with the right passphrase: the library says no identity matched.
    const code = /no identity matched/.test(detail) ? 'replica_wrong_passphrase' : 'replica_damaged';
    return { ok: false, code, detail };
  }
  try {
    const decoder = new ReplicaDecoder(share => progress?.({ stage: 'decode', share }));
    // In pieces, so the progress moves and no single text holds the whole payload.
    const PART = 1 << 20;
    for (let at = 0; at < payload.length; at += PART) decoder.push(payload.subarray(at, at + PART));
    const replica = decoder.end();
    return { ok: true, replica, createdAt: decoder.createdAt };
  } catch (err) {
    if (err instanceof PayloadError) return { ok: false, code: err.code, detail: err.message };
    return { ok: false, code: 'replica_damaged', detail: err instanceof Error ? err.message : String(err) };
  }
}

function startsWithMagic(file: Uint8Array): boolean {
  if (file.length < AGE_MAGIC.length) return false;
  for (let i = 0; i < AGE_MAGIC.length; i++) if (file[i] !== AGE_MAGIC.charCodeAt(i)) return false;
  return true;
}
