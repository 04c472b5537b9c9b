"""Copies fruitl00p/php-mt940's test statements into the corpus with expectations from its own parser.

Usage: MT940_SRC=SRC python3 fruitl00p-php-mt940.py GIT_DIR COMMIT OUT_DIR CORPUS_MT940_DIR > entries.json
GIT_DIR is a clone of https://github.com/fruitl00p/php-mt940 (MIT), SRC its `src` folder at the same commit
(git archive COMMIT src), read with php-cli. For every test/Parser/Banking/Mt940/Engine/<Bank>/<sample>, parsed with
the engine of its folder as upstream's ParseTest does: the transactions of its statements, signed by their
getDebitCredit() (D out, C in), and their sum per statement currency. A sample with no transaction (Rabo/sample2, a
statement of balances only) and a statement already in CORPUS_MT940_DIR (its :61: lines all in one file there, or in
one taken before) are left out.
"""
import os
import re
import sys
from decimal import Decimal

from mt940_lines import Seen
from upstream import driver, emit, files, show, source

GIT, COMMIT, OUT, CORPUS = sys.argv[1:5]
DIGITS = {'JPY': 0, 'KRW': 0, 'BHD': 3, 'KWD': 3, 'JOD': 3, 'OMR': 3, 'TND': 3}
# Loads upstream's classes from MT940_SRC, parses stdin with the engine named in argv[1], prints the statements.
DRIVER = r'''<?php
spl_autoload_register(function ($c) {
  $f = getenv('MT940_SRC') . '/' . str_replace('\\', '/', substr($c, strlen('Kingsquare\\'))) . '.php';
  if (is_file($f)) require $f;
});
$class = 'Kingsquare\\Parser\\Banking\\Mt940\\Engine\\' . $argv[1];
$engine = new $class();
$engine->loadString(stream_get_contents(STDIN));
$out = [];
foreach ($engine->parse() as $s) {
  $t = [];
  foreach ($s->getTransactions() as $x) $t[] = [(string) $x->getPrice(), $x->getDebitCredit()];
  $out[] = ['currency' => $s->getCurrency(), 'transactions' => $t];
}
echo json_encode($out);
'''


seen = Seen(CORPUS, 'php-')

with driver('php', '.php', DRIVER) as run:
    entries = []
    for path in files(GIT, COMMIT, 'test/Parser/Banking/Mt940/Engine/', ''):
        if not re.search(r'/Engine/\w+/(sample\d*|issue\d+)$', path):
            continue
        bank, sample = path.split('/')[-2:]
        data = show(GIT, COMMIT, path)
        out = run(bank, data=data)
        rows, sums = 0, {}
        for statement in out:
            currency = statement['currency']
            for price, side in statement['transactions']:
                rows += 1
                minor = int(Decimal(price) * 10 ** DIGITS.get(currency, 2))
                sums[currency] = sums.get(currency, 0) + (-minor if side == 'D' else minor)
        if rows == 0 or not seen.take(data):
            print(f'skipped {path}: no transaction, or already in the corpus', file=sys.stderr)
            continue
        target = f'php-{bank.lower()}-{sample}.sta'
        with open(os.path.join(OUT, target), 'wb') as f:
            f.write(data)
        entries.append({
            'file': f'mt940/{target}', 'format': 'mt940', 'rows': rows, 'sumMinor': sums,
            'source': source('fruitl00p/php-mt940', path, COMMIT, 'MIT'),
            'expected': f'fruitl00p/php-mt940 {COMMIT[:8]}: Engine\\{bank} parses it (as its ParseTest does); transactions signed by getDebitCredit()',
        })
emit(entries)
