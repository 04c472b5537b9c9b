import { mapPortalHeaders, type PortalColumns } from '../../core/import/portal-table';

/** A table on the page that reads as a transaction list. */
export interface FoundTable {
  /** The element that holds the rows (a `<table>` or a `role=grid` / `role=table` container). */
  readonly root: Element;
  readonly headers: string[];
  readonly columns: PortalColumns;
  /** Data rows: the row element and its cell texts, in page order. */
  readonly rows: { readonly element: Element; readonly cells: string[] }[];
}

function text(el: Element): string {
  // innerText follows rendering (line breaks, hidden tooltips left out); textContent is the fallback
  // for elements not rendered yet.
  const t = el instanceof HTMLElement ? el.innerText : el.textContent;
  return (t ?? el.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** Header cells of an HTML table: the `<thead>` row, else the first row made of `<th>`. */
function htmlHeader(table: HTMLTableElement): string[] | null {
  const headRow = table.tHead?.rows[table.tHead.rows.length - 1];
  if (headRow) return [...headRow.cells].map(text);
  const first = table.rows[0];
  if (first && first.cells.length > 0 && [...first.cells].every(c => c.tagName === 'TH')) return [...first.cells].map(text);
  return null;
}

/**
 * Many portal UI kits (Element UI on Lakala-style portals, Ant Design) draw the header and the body
 * as two `<table>`s so the header can stay put while the body scrolls. A body without a header takes
 * the header of the nearest header-only table with as many columns.
 */
function splitHeader(table: HTMLTableElement, width: number): string[] | null {
  let scope: Element | null = table.parentElement;
  for (let depth = 0; scope && depth < 4; depth++, scope = scope.parentElement) {
    for (const other of scope.querySelectorAll('table')) {
      if (other === table) continue;
      const header = htmlHeader(other);
      // A header-only table: its one row is the header.
      if (header && header.length === width && other.rows.length === 1) return header;
    }
  }
  return null;
}

/** The header mapping of a table, taking ids from row links when it has no id column; null when not transactions. */
function complete(headers: string[], rows: { element: Element; cells: string[] }[]): Omit<FoundTable, 'root'> | null {
  const columns = mapPortalHeaders(headers);
  if (columns) return { headers, columns, rows };
  const linked = withLinkedIds(headers, rows);
  return linked ? { ...linked, columns: mapPortalHeaders(linked.headers)! } : null;
}

function htmlTables(doc: Document): FoundTable[] {
  const found: FoundTable[] = [];
  for (const table of doc.querySelectorAll('table')) {
    const bodyRows = [...table.tBodies].flatMap(b => [...b.rows]);
    const rows = bodyRows.length > 0 ? bodyRows : [...table.rows].slice(1);
    const width = rows[0]?.cells.length ?? 0;
    const headers = htmlHeader(table) ?? (width > 0 ? splitHeader(table, width) : null);
    if (!headers) continue;
    const read = rows
      .filter(r => r.cells.length > 0 && ![...r.cells].every(c => c.tagName === 'TH'))
      .map(r => ({ element: r as Element, cells: [...r.cells].map(text) }));
    const mapped = complete(headers, read);
    if (mapped) found.push({ root: table, ...mapped });
  }
  return found;
}

/** Elements with `role` whose nearest grid is `grid` (a grid inside a cell is its own table). */
function ownedBy(grid: Element, selector: string): Element[] {
  return [...grid.querySelectorAll(selector)].filter(el => el.parentElement?.closest('[role=grid],[role=table],[role=treegrid]') === grid);
}

function ariaTables(doc: Document): FoundTable[] {
  const found: FoundTable[] = [];
  for (const grid of doc.querySelectorAll('[role=grid],[role=table],[role=treegrid]')) {
    if (grid instanceof HTMLTableElement) continue; // read as an HTML table
    const rowEls = ownedBy(grid, '[role=row]');
    const headerRow = rowEls.find(r => r.querySelector('[role=columnheader]'));
    if (!headerRow) continue;
    const headers = [...headerRow.querySelectorAll('[role=columnheader]')].map(text);
    const rows = rowEls
      .filter(r => r !== headerRow && !r.querySelector('[role=columnheader]'))
      .map(r => ({ element: r, cells: [...r.querySelectorAll('[role=cell],[role=gridcell],[role=rowheader]')].map(text) }))
      .filter(r => r.cells.length > 0);
    const table = complete(headers, rows);
    if (table) found.push({ root: grid, ...table });
  }
  return found;
}

// Ids dashboards put in row links rather than in a column: Stripe (`py_…`, `ch_…`, `pi_…`), Square
// (long base-62 payment ids), Adyen PSP references (16 digits/letters).
const LINK_ID = /^(?:[a-z]{2,4}_[A-Za-z0-9]{8,}|[A-Za-z0-9]{16,})$/;

/** The transaction id a row links to (`/payments/py_3Qx…`), when the list shows no id column. */
export function linkedId(row: Element): string | null {
  const anchors = [...(row instanceof HTMLAnchorElement ? [row] : []), ...row.querySelectorAll('a[href]')];
  for (const a of anchors) {
    const href = a.getAttribute('href') ?? '';
    let path: string;
    try {
      path = new URL(href, location.href).pathname;
    } catch {
      continue;
    }
    const last = path.split('/').filter(Boolean).pop() ?? '';
    if (LINK_ID.test(last) && /[A-Za-z]/.test(last) && /\d/.test(last)) return last;
  }
  return null;
}

const LINK_HEADER = 'Reference';

/**
 * A table that would be a transaction list but for the id: if every row links to an id, the id
 * becomes a last column (Stripe's payments list shows amount, status, customer and date only).
 */
function withLinkedIds(
  headers: string[],
  rows: { element: Element; cells: string[] }[],
): { headers: string[]; rows: { element: Element; cells: string[] }[] } | null {
  if (rows.length === 0 || mapPortalHeaders([...headers, LINK_HEADER]) === null) return null;
  const ids = rows.map(r => linkedId(r.element));
  if (ids.some(id => id === null)) return null;
  return { headers: [...headers, LINK_HEADER], rows: rows.map((r, i) => ({ element: r.element, cells: [...r.cells, ids[i]!] })) };
}

/** Every table on the page that reads as a transaction list: HTML tables and ARIA grids built from divs. */
export function findTransactionTables(doc: Document): FoundTable[] {
  return [...htmlTables(doc), ...ariaTables(doc)];
}
