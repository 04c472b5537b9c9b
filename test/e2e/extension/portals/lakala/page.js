// A Lakala-like 交易查询 page: rows come from the server page by page, and "下一页" replaces them
// (as an Element UI table does after an XHR), after a short delay.
let data = null;
let page = 0;
function cell(text) { const td = document.createElement('td'); const d = document.createElement('div'); d.className = 'cell'; d.textContent = text; td.append(d); return td; }
function render() {
  const body = document.getElementById('rows');
  const rows = data.rows.slice(page * data.pageSize, (page + 1) * data.pageSize);
  body.replaceChildren(...rows.map(r => {
    const tr = document.createElement('tr');
    tr.className = 'el-table__row';
    tr.append(...[r.date, r.time, r.merchant, r.terminal, r.card, r.cardType, r.type, r.gross, r.fee, r.net, r.ref, r.settle, r.status].map(cell));
    return tr;
  }));
  document.getElementById('pager').textContent = `第 ${page + 1} 页`;
  document.getElementById('total').textContent = String(data.rows.length);
}
function go(delta) {
  const last = Math.ceil(data.rows.length / data.pageSize) - 1;
  const next = Math.max(0, Math.min(last, page + delta));
  if (next === page) return;
  page = next;
  document.getElementById('rows').replaceChildren();
  setTimeout(render, 150);
}
document.getElementById('next').addEventListener('click', () => go(1));
document.getElementById('prev').addEventListener('click', () => go(-1));
fetch('./data.json').then(r => r.json()).then(d => { data = d; render(); });
