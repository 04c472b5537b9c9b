"""Copies genkgo/camt's test documents into the corpus with expectations from upstream's own getter dumps.

Usage: python3 genkgo-camt.py GIT_DIR COMMIT OUT_DIR > entries.json
GIT_DIR is a clone of https://github.com/genkgo/camt. For every test/data/<name>.xml with a <name>.json beside it
(genkgo's dump of getEntries: signed amounts in minor units, CdtDbtInd, status), writes OUT_DIR/<name>.xml
unchanged and prints one manifest entry: the booked entries (status BOOK, or none printed) and their signed sum
per currency. Pending (PDNG) and information-only (INFO) entries are not bookings: this project leaves them out
with a warning, so they are left out of the expectation too, by upstream's own status field.
"""
import json
import sys

from upstream import emit, files, show, source

GIT, COMMIT, OUT = sys.argv[1], sys.argv[2], sys.argv[3]


dumps = set(files(GIT, COMMIT, 'test/data/', '.json'))
entries = []
for path in files(GIT, COMMIT, 'test/data/', '.xml'):
    dump = path[:-4] + '.json'
    if dump not in dumps:
        continue
    doc = json.loads(show(GIT, COMMIT, dump))
    if len(doc.get('getRecords') or []) > 1 and '__RECURSIVITY__' in doc['getRecords']:
        # The dump lists only one record's entries when a message holds several: no full expectation to take.
        print(f'skipped {path}: the dump truncates its records', file=sys.stderr)
        continue
    rows = 0
    sums = {}
    for e in doc.get('getEntries') or []:
        if (e.get('getStatus') or 'BOOK').upper() in ('PDNG', 'INFO'):
            continue
        amount = e['getAmount']
        currency = amount['getCurrency']['getCode']
        rows += 1
        sums[currency] = sums.get(currency, 0) + int(amount['getAmount'])
    name = path.split('/')[-1]
    with open(f'{OUT}/{name}', 'wb') as f:
        f.write(show(GIT, COMMIT, path))
    entries.append({
        'file': f'camt/{name}', 'format': 'camt053', 'rows': rows, 'sumMinor': sums,
        'source': source('genkgo/camt', path, COMMIT, 'MIT'),
        'expected': f'genkgo/camt {dump}: getEntries with status BOOK, signed getAmount',
    })
emit(entries)
