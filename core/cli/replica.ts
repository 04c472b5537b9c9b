// The command line's side of replica files: the decisions file `replica export --decisions` reads, and the
// words for a replica file that cannot be opened, in the merchant's language.
import { createHash } from 'node:crypto';
import type { Lang } from '../messages/types';
import type { ReplicaFileError } from '../replica/age';
import type { Decision } from '../reconcile/types';

/** A problem in the decisions file, naming the entry and the field. */
export class DecisionsError extends Error {}

const isText = (v: unknown): v is string => typeof v === 'string' && v.length > 0;
const isTextList = (v: unknown): v is string[] => Array.isArray(v) && v.length > 0 && v.every(isText);

/** One decision checked field by field; the first problem as `field: what is wrong`, or the decision. */
function checkDecision(value: unknown): Decision | string {
  if (typeof value !== 'object' || value === null) return '(entry): is not an object';
  const d = value as Record<string, unknown>;
  if (!isText(d.at) || Number.isNaN(Date.parse(d.at))) return 'at: must be the time of the decision (ISO 8601, e.g. 2026-03-02T10:00:00Z)';
  switch (d.kind) {
    case 'unlink':
      return isText(d.bankLineId) ? { kind: 'unlink', bankLineId: d.bankLineId, at: d.at } : 'bankLineId: must be the bank line id';
    case 'confirm_link':
    case 'manual_link':
      if (!isText(d.bankLineId)) return 'bankLineId: must be the bank line id';
      if (!isTextList(d.batchIds)) return 'batchIds: must be a list of batch ids';
      return { kind: d.kind, bankLineId: d.bankLineId, batchIds: d.batchIds, at: d.at };
    case 'dismiss_alert':
      if (!isText(d.alertId)) return 'alertId: must be the alert id';
      if (typeof d.reason !== 'string') return 'reason: must be text';
      return { kind: 'dismiss_alert', alertId: d.alertId, reason: d.reason, at: d.at };
    default:
      return `kind: must be confirm_link, unlink, manual_link or dismiss_alert, found ${JSON.stringify(d.kind)}`;
  }
}

/**
 * The decisions of a `--decisions` file: a JSON array of decisions as the engine takes them
 * (`{ "kind": "dismiss_alert", "alertId": …, "reason": …, "at": … }`), each optionally wrapped as
 * `{ "id": …, "decision": { … } }`. An entry without an id gets one from its content, so exporting the
 * same decisions twice gives the same records (a merge counts them once).
 */
export function readDecisions(path: string, json: unknown): { id: string; decision: Decision }[] {
  if (!Array.isArray(json)) throw new DecisionsError(`${path}: must be a JSON array of decisions`);
  return json.map((entry, i) => {
    const wrapped = typeof entry === 'object' && entry !== null && 'decision' in entry;
    const checked = checkDecision(wrapped ? (entry as { decision: unknown }).decision : entry);
    if (typeof checked === 'string') throw new DecisionsError(`${path}: [${i}]${wrapped ? '.decision' : ''}.${checked}`);
    const given = wrapped ? (entry as { id?: unknown }).id : undefined;
    if (given !== undefined && !isText(given)) throw new DecisionsError(`${path}: [${i}].id: must be text`);
    const id = given ?? `cli-${createHash('sha256').update(JSON.stringify(checked)).digest('hex').slice(0, 24)}`;
    return { id, decision: checked };
  });
}

const WORDS: Record<Lang, Record<ReplicaFileError, string>> = {
  en: {
    replica_wrong_passphrase: 'the passphrase does not open this replica file',
    replica_damaged: 'the replica file is damaged or cut short',
    replica_not_age: 'this is not an encrypted settlewatch replica file (age format)',
    replica_unsupported: 'the replica file was written by a newer settlewatch',
    replica_no_passphrase: 'no passphrase was given',
  },
  zh: {
    replica_wrong_passphrase: '口令无法打开这个账本副本文件',
    replica_damaged: '账本副本文件已损坏或不完整',
    replica_not_age: '这不是 Settlewatch 的加密账本副本文件（age 格式）',
    replica_unsupported: '该账本副本文件由更新版本的 Settlewatch 写成',
    replica_no_passphrase: '没有给出口令',
  },
};

/** Why a replica file could not be opened, in words. */
export function replicaRefusal(code: ReplicaFileError, lang: Lang): string {
  return WORDS[lang][code];
}
