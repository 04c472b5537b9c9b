"""Copies ministryofjustice/bai2's test files into the corpus with expectations from its own parser.

Usage: PYTHONPATH=BAI2_SRC python3 ministryofjustice-bai2.py GIT_DIR COMMIT OUT_DIR > entries.json
BAI2_SRC is the `bai2` package of the same commit (git archive COMMIT bai2). For every tests/data/*.bai2, parsed
with its integrity checks on: the transaction details its type codes call credits or debits, signed, and their
sum per currency (the account's, else the group's, else USD as BAI2 says).
"""
import sys

from bai2 import bai2 as reader

from upstream import emit, files, show, source

GIT, COMMIT, OUT = sys.argv[1], sys.argv[2], sys.argv[3]


entries = []
for path in files(GIT, COMMIT, 'tests/data/', '.bai2'):
    data = show(GIT, COMMIT, path)
    parsed = reader.parse_from_string(data.decode(), check_integrity=True)
    rows, sums = 0, {}
    for group in parsed.children:
        for account in group.children:
            currency = account.header.currency or group.header.currency or 'USD'
            for t in account.children:
                side = t.type_code.transaction.value
                if side not in ('credit', 'debit'):
                    continue
                rows += 1
                sums[currency] = sums.get(currency, 0) + (t.amount if side == 'credit' else -t.amount)
    name = path.split('/')[-1]
    with open(f'{OUT}/{name}', 'wb') as f:
        f.write(data)
    entries.append({
        'file': f'bai2/{name}', 'format': 'bai2', 'rows': rows, 'sumMinor': sums,
        'source': source('ministryofjustice/bai2', path, COMMIT, 'MIT'),
        'expected': f'ministryofjustice/bai2 {COMMIT[:8]} parse_from_string(check_integrity=True): credit and debit details',
    })
emit(entries)
