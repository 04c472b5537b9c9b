"""Copies quiffen's test files into the corpus with expectations from quiffen's own reading of them.

Usage: PYTHONPATH=QUIFFEN_SRC:DEPS python3 isaacharrisholt-quiffen.py GIT_DIR COMMIT OUT_DIR > entries.json
QUIFFEN_SRC is the `quiffen` package of the same commit (git archive COMMIT quiffen), DEPS a folder with pydantic
and python-dateutil. For every tests/test_files/*.qif quiffen reads (month first, its default): the bank-like
registers' transactions (investment registers aside, which this project does not read) and their signed sum; QIF
names no currency, so this project marks the lines XXX. Files quiffen refuses are expected refused; files with no
transaction at all (category and class lists) and an empty file are left out: they are no statements; files that
say they copy Wikipedia's example are left out for their licence (CC BY-SA).
"""
import sys
import tempfile
from decimal import Decimal

import quiffen

from upstream import emit, files, show, source

GIT, COMMIT, OUT = sys.argv[1], sys.argv[2], sys.argv[3]


entries = []
for path in files(GIT, COMMIT, 'tests/test_files/', '.qif'):
    data = show(GIT, COMMIT, path)
    # An empty file is no statement; files quiffen says it copied from Wikipedia are CC BY-SA, not MIT: left out.
    if data.strip() == b'' or b'wikipedia' in data.lower():
        print(f'skipped {path}: empty, or Wikipedia text', file=sys.stderr)
        continue
    with tempfile.NamedTemporaryFile(suffix='.qif') as tmp:
        tmp.write(data)
        tmp.flush()
        entry = {'format': 'qif', 'source': source('isaacharrisholt/quiffen', path, COMMIT, 'MIT')}
        try:
            qif = quiffen.Qif.parse(tmp.name, day_first=False)
        except Exception as err:
            entry.update(rows=0, sumMinor={}, refused=True, expected=f'quiffen refuses it: {err}')
        else:
            rows, total = 0, Decimal(0)
            for account in qif.accounts.values():
                for kind, txns in account.transactions.items():
                    if 'INVST' in str(kind):
                        continue
                    for t in txns:
                        rows += 1
                        total += Decimal(t.amount)
            if rows == 0:
                continue
            entry.update(rows=rows, sumMinor={'XXX': int(total * 100)}, expected=f'quiffen {COMMIT[:8]} reads its bank-like registers: transactions and their amounts')
    name = path.split('/')[-1]
    with open(f'{OUT}/{name}', 'wb') as f:
        f.write(data)
    entry['file'] = f'qif/{name}'
    entries.append(entry)
emit(entries)
