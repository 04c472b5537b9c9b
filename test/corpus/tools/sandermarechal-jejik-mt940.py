"""Copies sandermarechal/jejik-mt940's test documents into the corpus with expectations from its own reader.

Usage: JEJIK_LIB=LIB python3 sandermarechal-jejik-mt940.py GIT_DIR COMMIT OUT_DIR CORPUS_MT940_DIR > entries.json
GIT_DIR is a clone of https://github.com/sandermarechal/jejik-mt940 (MIT; its fixtures MIT too, LICENSE.fixtures.txt),
LIB its `lib` folder at the same commit (git archive COMMIT lib), run with php-cli. For every
tests/Jejik/Tests/MT940/Fixture/document/*.txt: the transactions of the statements jejik's Reader (its default
parsers, which pick the bank) finds, with their signed getAmount(), summed per statement currency. A document no
parser accepts (generic.txt), one with no transaction, and a statement already in the corpus (see mt940_lines.py)
are left out.
"""
import os
import sys
from decimal import Decimal

from mt940_lines import Seen
from upstream import driver, emit, files, show, source

GIT, COMMIT, OUT, CORPUS = sys.argv[1:5]
# Loads upstream's classes from JEJIK_LIB, reads stdin with the default Reader, prints the statements' amounts
# (or why no parser takes it).
DRIVER = r'''<?php
spl_autoload_register(function ($c) {
  $f = getenv('JEJIK_LIB') . '/' . str_replace('\\', '/', $c) . '.php';
  if (is_file($f)) require $f;
});
try {
  $statements = (new \Jejik\MT940\Reader())->getStatements(stream_get_contents(STDIN));
} catch (\Jejik\MT940\Exception\NoParserFoundException $e) {
  echo json_encode(['refused' => $e->getMessage()]);
  exit(0);
}
$out = [];
foreach ($statements as $s) {
  $t = [];
  foreach ($s->getTransactions() as $x) $t[] = sprintf('%.2f', $x->getAmount());
  $b = $s->getOpeningBalance() ?: $s->getClosingBalance();
  $out[] = ['currency' => $b ? $b->getCurrency() : null, 'amounts' => $t];
}
echo json_encode($out);
'''

seen = Seen(CORPUS, 'jejik-php-')
with driver('php', '.php', DRIVER) as run:
    entries = []
    for path in files(GIT, COMMIT, 'tests/Jejik/Tests/MT940/Fixture/document/', '.txt'):
        data = show(GIT, COMMIT, path)
        read = run(data=data)
        if 'refused' in read:
            print(f'skipped {path}: jejik refuses it: {read["refused"]}', file=sys.stderr)
            continue
        rows, sums = 0, {}
        for statement in read:
            for amount in statement['amounts']:
                rows += 1
                sums[statement['currency']] = sums.get(statement['currency'], 0) + int(Decimal(amount) * 100)
        if rows == 0 or not seen.take(data):
            print(f'skipped {path}: no transaction, or already in the corpus', file=sys.stderr)
            continue
        target = f'jejik-php-{path.split("/")[-1][:-4]}.sta'
        with open(os.path.join(OUT, target), 'wb') as f:
            f.write(data)
        entries.append({
            'file': f'mt940/{target}', 'format': 'mt940', 'rows': rows, 'sumMinor': sums,
            'source': source('sandermarechal/jejik-mt940', path, COMMIT, 'MIT'),
            'expected': f'sandermarechal/jejik-mt940 {COMMIT[:8]}: its Reader\'s statements, transactions with their signed getAmount()',
        })
emit(entries)
