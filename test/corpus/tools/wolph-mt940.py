"""Copies WoLpH/mt940's test statements into the corpus and derives their expectations from upstream's own .yml.

Usage: python3 wolph-mt940.py GIT_DIR COMMIT OUT_DIR > entries.json
GIT_DIR is a clone of https://github.com/WoLpH/mt940 (a bare .git is enough). For every mt940_tests/<group>/<name>.sta
with a <name>.yml beside it that lists transactions, writes OUT_DIR/<group>-<name>.sta unchanged and prints one manifest entry: the number
of transactions upstream's parser found and their signed sum in minor units per currency, from the .yml (upstream's
`Transactions` dump), never from this project's reader. One rule differs from upstream and is applied here: a
reversal of a credit (status RC) takes money out, as SWIFT books it, so its amount counts negative (WoLpH keeps it
positive; see the sepa_mt9401 balance test in core/import/formats/mt940.test.ts).
"""
import os
import sys
from decimal import Decimal

import yaml

from upstream import emit, files, show, source

GIT, COMMIT, OUT = sys.argv[1], sys.argv[2], sys.argv[3]
LICENSES = {'jejik': 'MIT', 'betterplace': 'Apache-2.0', 'cmxl': 'MIT'}
DIGITS = {'JPY': 0, 'KRW': 0, 'BHD': 3, 'KWD': 3, 'JOD': 3, 'OMR': 3, 'TND': 3}


class Loader(yaml.SafeLoader):
    pass


def python_object(loader, suffix, node):
    obj = {}
    yield obj
    obj.update(loader.construct_mapping(node, deep=True))


def python_apply(loader, suffix, node):
    args = loader.construct_sequence(node, deep=True) if isinstance(node, yaml.SequenceNode) else loader.construct_mapping(node, deep=True)
    if suffix == 'decimal.Decimal':
        return Decimal(str(args[0]))
    return None


Loader.add_multi_constructor('tag:yaml.org,2002:python/object:', python_object)
Loader.add_multi_constructor('tag:yaml.org,2002:python/object/apply:', python_apply)
Loader.add_multi_constructor('tag:yaml.org,2002:python/name:', lambda loader, suffix, node: suffix)


names = set(files(GIT, COMMIT, 'mt940_tests/', '.yml'))
entries = []
for path in files(GIT, COMMIT, 'mt940_tests/', '.sta'):
    yml = path[:-4] + '.yml'
    if yml not in names:
        continue
    group = path.split('/')[1]
    try:
        doc = yaml.load(show(GIT, COMMIT, yml), Loader=Loader)
    except Exception as err:  # a dump this loader cannot read is left out, and said so
        print(f'skipped {path}: {err}', file=sys.stderr)
        continue
    sums = {}
    rows = 0
    for t in doc.get('transactions') or []:
        data = t.get('data', t)
        amount = data.get('amount') or {}
        value, currency = amount.get('amount'), amount.get('currency')
        if value is None or currency is None:
            continue
        if data.get('status') == 'RC':
            value = -value
        rows += 1
        minor = int(value * 10 ** DIGITS.get(currency, 2))
        sums[currency] = sums.get(currency, 0) + minor
    if rows == 0:
        # Upstream's tag-level snippets (a lone :60F:, a :86: fragment) hold no statement line: no statement to compare.
        continue
    target = f'{group}-{os.path.basename(path)}'
    with open(os.path.join(OUT, target), 'wb') as f:
        f.write(show(GIT, COMMIT, path))
    entries.append({
        'file': f'mt940/{target}', 'format': 'mt940', 'rows': rows, 'sumMinor': sums,
        'source': source('WoLpH/mt940', path, COMMIT, LICENSES.get(group, 'BSD-3-Clause')),
        'expected': f'WoLpH/mt940 {yml}: its transactions and their amounts (RC negated)',
    })
emit(entries)
