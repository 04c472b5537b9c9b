import { EMPTY_CELL, textCell, type Cell } from './cell';
import { builtinFormat, formatNumber, isDateFormat } from './numfmt';
import { placeCell, tooManyCells, workbookFailure, type Grid, type Sheet, type WorkbookResult } from './workbook';
import { attr, attrs, decodeXmlText, scanTags } from './xml';
import { readZip } from '../zip';

export { isZip } from '../zip';

/** Unzips the XML parts only, counting what they inflate to against the archive cap (see readZip). */
function unzipParts(bytes: Uint8Array): Map<string, Uint8Array> | string {
  const files = readZip(bytes, name => /\.(xml|rels)$/i.test(name));
  if (typeof files === 'string') return files;
  const out = new Map<string, Uint8Array>();
  for (const [name, data] of files) out.set(name.replace(/^\/+/, ''), data);
  return out;
}

const utf8 = new TextDecoder('utf-8');

function part(files: Map<string, Uint8Array>, name: string): string | null {
  const data = files.get(name);
  return data ? utf8.decode(data) : null;
}

/** Resolves a relationship target against the folder of the part that owns the relationship. */
function resolveTarget(base: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = base.split('/').filter(Boolean);
  for (const seg of target.split('/')) {
    if (seg === '..') parts.pop();
    else if (seg !== '.' && seg !== '') parts.push(seg);
  }
  return parts.join('/');
}

function relationships(xml: string | null, base: string): Map<string, { target: string; type: string }> {
  const rels = new Map<string, { target: string; type: string }>();
  if (!xml) return rels;
  for (const tag of scanTags(xml)) {
    if (tag.name !== 'Relationship' || tag.kind === 'close') continue;
    const id = attr(tag.attrs, 'Id'),
      target = attr(tag.attrs, 'Target');
    if (id && target) rels.set(id, { target: resolveTarget(base, target), type: attr(tag.attrs, 'Type') ?? '' });
  }
  return rels;
}

/** Text of every `<t>` in each `<si>`, rich-text runs joined, phonetic guides (`<rPh>`) left out. */
function sharedStrings(xml: string | null): string[] {
  const out: string[] = [];
  if (!xml) return out;
  let cur: string | null = null;
  let textStart = -1;
  let phonetic = 0;
  for (const tag of scanTags(xml)) {
    if (tag.name === 'si') {
      if (tag.kind === 'open') cur = '';
      else if (tag.kind === 'empty') out.push('');
      else {
        out.push(cur ?? '');
        cur = null;
      }
    } else if (tag.name === 'rPh') {
      if (tag.kind === 'open') phonetic++;
      else if (tag.kind === 'close') phonetic = Math.max(0, phonetic - 1);
    } else if (tag.name === 't') {
      if (tag.kind === 'open') textStart = tag.end;
      else if (tag.kind === 'close' && textStart >= 0) {
        if (cur !== null && phonetic === 0) cur += decodeXmlText(xml.slice(textStart, tag.start));
        textStart = -1;
      }
    }
  }
  return out;
}

/** Number format code per cell style index (`s` attribute), from `numFmts` and `cellXfs`. */
function styleFormats(xml: string | null): string[] {
  if (!xml) return [];
  const custom = new Map<number, string>();
  const formats: string[] = [];
  let inCellXfs = false;
  for (const tag of scanTags(xml)) {
    if (tag.name === 'numFmt' && tag.kind !== 'close') {
      const id = Number(attr(tag.attrs, 'numFmtId'));
      const code = attr(tag.attrs, 'formatCode');
      if (Number.isInteger(id) && code !== null) custom.set(id, code);
    } else if (tag.name === 'cellXfs') {
      inCellXfs = tag.kind === 'open';
    } else if (tag.name === 'xf' && inCellXfs && tag.kind !== 'close') {
      const id = Number(attr(tag.attrs, 'numFmtId') ?? 0);
      formats.push(custom.get(id) ?? builtinFormat(Number.isInteger(id) ? id : 0));
    }
  }
  return formats;
}

/** Column and row (0-based) of an A1 reference; null when it is not one. */
export function parseA1(ref: string): { row: number; col: number } | null {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/.exec(ref);
  if (!m) return null;
  let col = 0;
  for (const ch of m[1]!.toUpperCase()) col = col * 26 + (ch.charCodeAt(0) - 64);
  return { row: Number(m[2]) - 1, col: col - 1 };
}

interface SheetContext {
  readonly strings: readonly string[];
  readonly formats: readonly string[];
  readonly date1904: boolean;
}

function numericCell(raw: string, style: number, ctx: SheetContext): Cell {
  const n = Number(raw.trim());
  if (raw.trim() === '' || !Number.isFinite(n)) return textCell(raw);
  const code = ctx.formats[style] ?? 'General';
  return { text: formatNumber(n, code, ctx.date1904), number: n, isDate: isDateFormat(code) };
}

/** Reads `<sheetData>`: each `<c>` by its `r` reference (or the next column when `r` is missing). */
function readSheet(xml: string, ctx: SheetContext): Cell[][] | null {
  const grid: Grid = { rows: [], slots: 0 };
  let rowIndex = -1;
  let colIndex = -1;
  let cellType = 'n';
  let cellStyle = 0;
  let inCell = false;
  let value: string | null = null;
  let inline: string | null = null;
  let textStart = -1;
  for (const tag of scanTags(xml)) {
    switch (tag.name) {
      case 'row': {
        if (tag.kind === 'close') break;
        const r = Number(attr(tag.attrs, 'r'));
        rowIndex = Number.isInteger(r) && r >= 1 ? r - 1 : rowIndex + 1;
        colIndex = -1;
        break;
      }
      case 'c': {
        if (tag.kind === 'close') {
          if (inCell && !finish()) return null;
          inCell = false;
          break;
        }
        const a = attrs(tag.attrs);
        const at = a.r ? parseA1(a.r) : null;
        if (at) {
          colIndex = at.col;
          rowIndex = at.row;
        } else colIndex += 1;
        if (rowIndex < 0) rowIndex = 0;
        cellType = a.t ?? 'n';
        cellStyle = Number(a.s ?? 0) || 0;
        value = null;
        inline = null;
        inCell = tag.kind === 'open';
        break;
      }
      case 'v':
      case 't':
        if (!inCell) break;
        if (tag.kind === 'open') textStart = tag.end;
        else if (tag.kind === 'close' && textStart >= 0) {
          const text = decodeXmlText(xml.slice(textStart, tag.start));
          if (tag.name === 'v') value = text;
          else inline = (inline ?? '') + text;
          textStart = -1;
        } else if (tag.kind === 'empty') {
          if (tag.name === 'v') value = '';
          else inline = inline ?? '';
        }
        break;
      default:
        break;
    }
  }
  return grid.rows;

  function finish(): boolean {
    let cell: Cell;
    switch (cellType) {
      case 's': {
        // `<c t="s"></c>` has no index: an empty cell, not shared string 0.
        const k = value === null || value.trim() === '' ? Number.NaN : Number(value);
        cell = textCell(Number.isInteger(k) ? (ctx.strings[k] ?? '') : '');
        break;
      }
      case 'inlineStr':
        cell = textCell(inline ?? value ?? '');
        break;
      case 'str':
      case 'e':
      case 'd':
        cell = textCell(value ?? inline ?? '');
        break;
      case 'b':
        cell = textCell(value === '1' ? 'TRUE' : value === '0' ? 'FALSE' : (value ?? ''));
        break;
      default:
        cell = value === null ? EMPTY_CELL : numericCell(value, cellStyle, ctx);
    }
    return cell === EMPTY_CELL || placeCell(grid, rowIndex, colIndex, cell, EMPTY_CELL);
  }
}

/** Reads an .xlsx (Office Open XML) workbook into rows of cells. Never throws. */
export function readXlsx(bytes: Uint8Array): WorkbookResult {
  const files = unzipParts(bytes);
  if (typeof files === 'string') return workbookFailure('zip', files);
  const rootRels = relationships(part(files, '_rels/.rels'), '');
  const office = [...rootRels.values()].find(r => r.type.endsWith('/officeDocument'))?.target ?? 'xl/workbook.xml';
  const workbookXml = part(files, office);
  if (workbookXml === null) return workbookFailure('no_workbook_part', office);
  const base = office.includes('/') ? office.slice(0, office.lastIndexOf('/')) : '';
  const relsPath = `${base ? base + '/' : ''}_rels/${office.slice(office.lastIndexOf('/') + 1)}.rels`;
  const rels = relationships(part(files, relsPath), base);
  const byType = (suffix: string): string | null => [...rels.values()].find(r => r.type.endsWith(suffix))?.target ?? null;
  const stringsPath = byType('/sharedStrings') ?? `${base}/sharedStrings.xml`;
  const stylesPath = byType('/styles') ?? `${base}/styles.xml`;
  let date1904 = false;
  const sheetRefs: { name: string; path: string }[] = [];
  for (const tag of scanTags(workbookXml)) {
    if (tag.name === 'workbookPr' && tag.kind !== 'close') {
      const v = attr(tag.attrs, 'date1904');
      date1904 = v === '1' || v === 'true';
    } else if (tag.name === 'sheet' && tag.kind !== 'close') {
      const id = attr(tag.attrs, 'id');
      const rel = id ? rels.get(id) : undefined;
      sheetRefs.push({
        name: attr(tag.attrs, 'name') ?? `Sheet${sheetRefs.length + 1}`,
        path: rel?.target ?? `${base}/worksheets/sheet${sheetRefs.length + 1}.xml`,
      });
    }
  }
  if (sheetRefs.length === 0) return workbookFailure('no_sheets');
  const ctx: SheetContext = { strings: sharedStrings(part(files, stringsPath)), formats: styleFormats(part(files, stylesPath)), date1904 };
  const sheets: Sheet[] = [];
  for (const ref of sheetRefs) {
    const xml = part(files, ref.path);
    // Chart sheets and dialog sheets have no cells; an absent part is an empty sheet, not an error.
    if (xml === null) {
      sheets.push({ name: ref.name, rows: [] });
      continue;
    }
    const rows = readSheet(xml, ctx);
    if (rows === null) return tooManyCells(ref.name);
    sheets.push({ name: ref.name, rows });
  }
  return { ok: true, sheets };
}
