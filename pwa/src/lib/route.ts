// Places in the app as URL fragments (`#/transactions?status=missing&sort=-net`): a fragment works
// offline, at any path the app is served from, and on the extension's ledger page alike. Back, reload
// and a link from the extension's popup all land where the fragment says.
import { ALERT_KINDS, STATUSES, type AlertKind, type Severity, type TxnStatus } from '../../../core/reconcile/types';
import {
  BANK_LINKED,
  BANK_SORTS,
  TXN_SORTS,
  type BankLinked,
  type BankSort,
  type SortOrder,
  type TxnSort,
} from '../../../core/ledger/types';
import { isIsoDate } from '../../../core/model/date';

/** The screens of the ledger app. */
export type Screen = 'overview' | 'import' | 'alerts' | 'cases' | 'transactions' | 'bank' | 'charts' | 'settings';

/** Every screen, in the order the navigation lists them. */
export const SCREENS: readonly Screen[] = ['overview', 'import', 'alerts', 'cases', 'transactions', 'bank', 'charts', 'settings'];

/**
 * What an open case shows: a case (it follows its batches through undo, confirm and unlink), an alert (opened
 * as its case at once), some batches picked elsewhere, or one bank line (to match it by hand).
 */
export type CaseRef =
  { readonly caseId: string } | { readonly alertId: string } | { readonly batchIds: readonly string[] } | { readonly bankLineId: string };

/** The alerts screen's filters. */
export interface AlertFilter {
  readonly kind: AlertKind | '';
  readonly severity: Severity | '';
  readonly acquirer: string;
  readonly dismissed: boolean;
}

/** The transactions table's filters and order. */
export interface TxnFilter {
  readonly search: string;
  readonly status: TxnStatus | '';
  readonly acquirer: string;
  readonly from: string;
  readonly to: string;
  readonly sort: SortOrder<TxnSort>;
}

/** The bank lines table's filters and order. */
export interface BankFilter {
  readonly search: string;
  readonly linked: BankLinked;
  readonly from: string;
  readonly to: string;
  readonly sort: SortOrder<BankSort>;
}

/** Where the merchant is: a screen, its filters and the case open on it. */
export interface Place {
  readonly screen: Screen;
  readonly openCase: CaseRef | null;
  readonly alerts: AlertFilter;
  readonly txns: TxnFilter;
  readonly bank: BankFilter;
}

export const NO_ALERT_FILTER: AlertFilter = { kind: '', severity: '', acquirer: '', dismissed: false };
export const NO_TXN_FILTER: TxnFilter = { search: '', status: '', acquirer: '', from: '', to: '', sort: { by: 'at', desc: false } };
export const NO_BANK_FILTER: BankFilter = { search: '', linked: 'all', from: '', to: '', sort: { by: 'bookedOn', desc: false } };
const SEVERITIES: readonly Severity[] = ['critical', 'warning', 'info'];

const oneOf = <T extends string>(list: readonly T[], value: string | null, fallback: T): T =>
  value !== null && (list as readonly string[]).includes(value) ? (value as T) : fallback;
const day = (value: string | null): string => (value && isIsoDate(value) ? value : '');

function sortOf<K extends string>(list: readonly K[], value: string | null, fallback: SortOrder<K>): SortOrder<K> {
  if (!value) return fallback;
  const desc = value.startsWith('-');
  const by = desc ? value.slice(1) : value;
  return (list as readonly string[]).includes(by) ? { by: by as K, desc } : fallback;
}

/** The part of a fragment that names a place (screen and case); the rest (`?…`) only filters it. */
export function placePath(hash: string): string {
  return hash.replace(/^#/, '').split('?')[0] ?? '';
}

/** The fragment of a place: `#/screen[/case kind/id]` and, for a screen with filters, the ones that are set. */
export function formatPlace(place: Place): string {
  let path = `/${place.screen}`;
  const c = place.openCase;
  if ((place.screen === 'alerts' || place.screen === 'cases') && c) {
    if ('caseId' in c) path += `/case/${encodeURIComponent(c.caseId)}`;
    else if ('alertId' in c) path += `/alert/${encodeURIComponent(c.alertId)}`;
    else if ('bankLineId' in c) path += `/line/${encodeURIComponent(c.bankLineId)}`;
    else path += `/batch/${c.batchIds.map(encodeURIComponent).join(',')}`;
  }
  const q = new URLSearchParams();
  const set = (name: string, value: string) => value && q.set(name, value);
  const sort = <K extends string>(s: SortOrder<K>, base: SortOrder<K>) =>
    s.by === base.by && s.desc === base.desc ? '' : `${s.desc ? '-' : ''}${s.by}`;
  if (place.screen === 'alerts') {
    set('kind', place.alerts.kind);
    set('severity', place.alerts.severity);
    set('acquirer', place.alerts.acquirer);
    set('dismissed', place.alerts.dismissed ? '1' : '');
  } else if (place.screen === 'transactions') {
    const f = place.txns;
    set('q', f.search);
    set('status', f.status);
    set('acquirer', f.acquirer);
    set('from', f.from);
    set('to', f.to);
    set('sort', sort(f.sort, NO_TXN_FILTER.sort));
  } else if (place.screen === 'bank') {
    const f = place.bank;
    set('q', f.search);
    set('linked', f.linked === 'all' ? '' : f.linked);
    set('from', f.from);
    set('to', f.to);
    set('sort', sort(f.sort, NO_BANK_FILTER.sort));
  }
  const query = q.toString();
  return `#${path}${query ? `?${query}` : ''}`;
}

/**
 * The place a fragment names; anything it does not say (or says wrongly) is the screen's default, and
 * filters of other screens are kept from `current`, as the merchant left them.
 */
export function parsePlace(hash: string, current: Place): Place {
  const raw = hash.replace(/^#/, '');
  const [path = '', query = ''] = raw.split('?', 2) as [string, string?];
  const parts = path.split('/').filter(Boolean);
  const screen = oneOf(SCREENS, parts[0] ?? null, 'overview');
  const q = new URLSearchParams(query);
  let openCase: CaseRef | null = null;
  if ((screen === 'alerts' || screen === 'cases') && parts[2]) {
    const ids = parts[2].split(',').map(decodeURIComponent);
    if (parts[1] === 'case') openCase = { caseId: ids[0]! };
    else if (parts[1] === 'alert') openCase = { alertId: ids[0]! };
    else if (parts[1] === 'line') openCase = { bankLineId: ids[0]! };
    else if (parts[1] === 'batch') openCase = { batchIds: ids };
  }
  const place: Place = { ...current, screen, openCase };
  if (screen === 'alerts')
    return {
      ...place,
      alerts: {
        kind: oneOf(ALERT_KINDS, q.get('kind'), ''),
        severity: oneOf(SEVERITIES, q.get('severity'), ''),
        acquirer: q.get('acquirer') ?? '',
        dismissed: q.get('dismissed') === '1',
      },
    };
  if (screen === 'transactions')
    return {
      ...place,
      txns: {
        search: q.get('q') ?? '',
        status: oneOf(STATUSES, q.get('status'), ''),
        acquirer: q.get('acquirer') ?? '',
        from: day(q.get('from')),
        to: day(q.get('to')),
        sort: sortOf(TXN_SORTS, q.get('sort'), NO_TXN_FILTER.sort),
      },
    };
  if (screen === 'bank')
    return {
      ...place,
      bank: {
        search: q.get('q') ?? '',
        linked: oneOf(BANK_LINKED, q.get('linked'), 'all'),
        from: day(q.get('from')),
        to: day(q.get('to')),
        sort: sortOf(BANK_SORTS, q.get('sort'), NO_BANK_FILTER.sort),
      },
    };
  return place;
}

/** The fragment of a place reached from nowhere in particular (a link from the popup): other filters at their defaults. */
export function linkTo(place: Partial<Place> & { readonly screen: Screen }): string {
  return formatPlace({ openCase: null, alerts: NO_ALERT_FILTER, txns: NO_TXN_FILTER, bank: NO_BANK_FILTER, ...place });
}
