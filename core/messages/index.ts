// One renderer for everything the core reports: alerts and import issues carry codes and typed parameters,
// and each language's catalog words them. The CLI, the PWA, the popup and the background all render here.
import type { CaseFact, ContactAdvice } from '../cases/advice';
import type { EngineEvent } from '../cases/types';
import type { AmountResult } from '../model/money';
import type { ParseIssue } from '../model/types';
import type { Alert } from '../reconcile/types';
import { en } from './en';
import type { AlertFacts, Catalog, CodedIssue, Formats, Lang } from './types';
import { zh } from './zh';

export type {
  AlertFacts,
  Catalog,
  CaseWords,
  BaiTotal,
  CodedIssue,
  DateLabel,
  Formats,
  IssueCode,
  IssueParamMap,
  Lang,
  WorkbookReason,
} from './types';
export { LANGS } from './types';

/** Every language's catalog. */
export const CATALOGS: Readonly<Record<Lang, Catalog>> = { en, zh };

/**
 * An alert's sentence in `lang`. The catalog's formats print money, dates and counts as the report does
 * (`1234.56 CNY`, ISO dates); a screen passes its own so the sentence reads like the rest of the screen.
 */
export function renderAlert(alert: AlertFacts, lang: Lang, formats?: Partial<Formats>): string {
  const c = CATALOGS[lang];
  // Each entry takes its own kind's parameters: the switch on `kind` is the catalog's key.
  const word = c.alerts[alert.params.kind] as (p: Alert['params'], a: AlertFacts, f: Catalog['formats']) => string;
  return word(alert.params, alert, formats ? { ...c.formats, ...formats } : c.formats);
}

/** A coded issue's words in `lang`. */
export function renderCode(issue: CodedIssue, lang: Lang): string {
  const c = CATALOGS[lang];
  const word = c.issues[issue.code] as (p: CodedIssue['params'], f: Catalog['formats']) => string;
  return word(issue.params, c.formats);
}

/** An issue's words in `lang`, in parts: the sentence, and the reader's own English text where it has no code. */
export function issueParts(issue: ParseIssue, lang: Lang): { readonly text: string; readonly original: string | null } {
  if (issue.code !== undefined) return { text: renderCode(issue as ParseIssue & CodedIssue, lang), original: null };
  if (lang === 'en') return { text: issue.message, original: null };
  return { text: CATALOGS[lang].uncodedIssue(issue.line, issue.field), original: issue.message };
}

/** An issue's words in `lang` as one line (the reader's English text in quotes where it has no code). */
export function renderIssue(issue: ParseIssue, lang: Lang): string {
  const { text, original } = issueParts(issue, lang);
  return original === null ? text : `${text}“${original}”`;
}

/** Where an issue is, in `lang`: `line 12: 金额` / `第 12 行，金额`. */
export function issuePlace(issue: Pick<ParseIssue, 'line' | 'field'>, lang: Lang): string {
  return CATALOGS[lang].issueAt(issue.line, issue.field);
}

/** A coded issue: the code and parameters, and its English sentence as `message`. */
export function codedIssue(line: number, field: string, severity: ParseIssue['severity'], coded: CodedIssue): ParseIssue {
  return { line, field, severity, ...coded, message: renderCode(coded, 'en') };
}

/** The code of a cell that is not an amount, from the reason parseAmount gave. */
export function amountIssue(failure: Extract<AmountResult, { ok: false }>, label: string | null = null): CodedIssue {
  return { code: 'bad_amount', params: { text: failure.text, problem: failure.problem, digits: failure.digits, label } };
}

/** The code of a cell that is not a date (`withTime`: not a date and time). */
export function dateIssue(text: string, withTime = false): CodedIssue {
  return { code: 'bad_date', params: { text, withTime } };
}

/** The language the environment asks for: zh when LC_ALL, LC_MESSAGES or LANG starts with `zh`, else en. */
export function langFromEnv(env: Readonly<Record<string, string | undefined>>): Lang {
  const tag = env['LC_ALL'] || env['LC_MESSAGES'] || env['LANG'] || '';
  return tag.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

/** Why to contact whom about a case, in `lang`. */
export function renderAdvice(advice: Pick<ContactAdvice, 'code' | 'params'>, lang: Lang, formats?: Formats): string {
  const c = CATALOGS[lang];
  const word = c.cases.advice[advice.code] as (p: ContactAdvice['params'], f: Catalog['formats']) => string;
  return word(advice.params, formats ?? c.formats);
}

/** A fact to quote, in `lang` (money, dates and counts as `formats` write them, else as the report does). */
export function renderFact(fact: CaseFact, lang: Lang, formats?: Formats): { readonly label: string; readonly value: string } {
  const c = CATALOGS[lang];
  const f = formats ?? c.formats;
  const v = fact.value;
  const sep = lang === 'zh' ? '、' : ', ';
  let value: string;
  switch (v.type) {
    case 'text':
      value = v.text;
      break;
    case 'list':
      value = v.items.join(sep) + (v.total > v.items.length ? `${lang === 'zh' ? '' : ' '}${c.cases.more(v.total - v.items.length)}` : '');
      break;
    case 'money':
      value = f.money(v.minor, v.currency);
      break;
    case 'date':
      value = f.date(v.date);
      break;
    case 'range':
      value = `${f.date(v.from)} – ${f.date(v.to)}`;
      break;
    case 'count':
      value = f.count(v.n);
      break;
  }
  return { label: c.cases.facts[fact.key], value };
}

/** What the engine saw happen to a case, as a timeline line in `lang`. */
export function renderEvent(event: EngineEvent, lang: Lang, formats?: Formats): string {
  const c = CATALOGS[lang];
  const word = c.cases.events[event.kind] as (e: EngineEvent, f: Catalog['formats'], kinds: Catalog['kinds']) => string;
  return word(event, formats ?? c.formats, c.kinds);
}
