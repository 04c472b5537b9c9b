// A Stripe-like payments list built from divs with ARIA roles; more rows load when the list is
// scrolled to its end (infinite scroll), a batch at a time.
let data = null;
let shown = 0;
let loading = false;
function div(role, text, cls) { const d = document.createElement('div'); if (role) d.setAttribute('role', role); if (cls) d.className = cls; if (text !== undefined) d.textContent = text; return d; }
function more() {
  if (!data || loading || shown >= data.rows.length) return;
  loading = true;
  setTimeout(() => {
    const body = document.getElementById('body');
    for (const r of data.rows.slice(shown, shown + data.batch)) {
      const row = div('row');
      const status = div('cell');
      status.append(div(null, r.status, 'badge'));
      const description = div('cell');
      const link = document.createElement('a');
      link.href = `/payments/${r.id}`;
      link.textContent = r.description;
      description.append(link);
      row.append(div('cell', r.amount), div('cell', r.fee), div('cell', r.net), status, description, div('cell', r.date));
      body.append(row);
    }
    shown = Math.min(data.rows.length, shown + data.batch);
    loading = false;
    if (shown >= data.rows.length) document.getElementById('loading').textContent = 'No more payments';
  }, 150);
}
addEventListener('scroll', () => {
  if (window.innerHeight + window.scrollY >= document.body.scrollHeight - 40) more();
});
fetch('./data.json').then(r => r.json()).then(d => { data = d; more(); });
