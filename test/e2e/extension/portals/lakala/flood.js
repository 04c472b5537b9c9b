// Writes N made-up Lakala rows at once (N from ?rows=, 12,000 unless told).
const n = Number(new URLSearchParams(location.search).get('rows') ?? 12000);
const body = document.getElementById('rows');
const frag = document.createDocumentFragment();
for (let i = 0; i < n; i++) {
  const s = i % 86400;
  const time = [Math.floor(s / 3600), Math.floor(s / 60) % 60, s % 60].map(v => String(v).padStart(2, '0')).join(':');
  const cells = ['2026-03-04', time, '822290058120001', 'T0001001', '622848******1000', '贷记卡', '消费', '10.00', '0.06', '9.94',
    `9100${String(i).padStart(8, '0')}`, '2026-03-05', '成功'];
  const tr = document.createElement('tr');
  for (const c of cells) { const td = document.createElement('td'); td.textContent = c; tr.append(td); }
  frag.append(tr);
}
body.append(frag);
