// Prints one real row of the mock Lakala portal (?row=N, 0 unless told) with ¥0.01 as its amounts.
const index = Number(new URLSearchParams(location.search).get('row') ?? 0);
fetch('../lakala/data.json').then(r => r.json()).then(data => {
  const r = data.rows[index];
  document.getElementById('merchant').textContent = data.merchant;
  const tr = document.createElement('tr');
  for (const c of [r.date, r.time, r.merchant, r.terminal, r.card, r.cardType, r.type, '0.01', '0.00', '0.01', r.ref, r.settle, r.status]) {
    const td = document.createElement('td');
    td.textContent = c;
    tr.append(td);
  }
  document.getElementById('rows').append(tr);
});
