"""Copies asgrim/ofxparser's test files into the corpus with expectations from its own parser.

Usage: OFXPARSER_LIB=LIB python3 asgrim-ofxparser.py GIT_DIR COMMIT OUT_DIR > entries.json
GIT_DIR is a clone of https://github.com/asgrim/ofxparser (MIT), LIB its `lib` folder at the same commit (git archive
COMMIT lib), run with php-cli (and php-xml). For every tests/fixtures/*.ofx, read with its Parser::loadFromString as
its ParserTest does: the bank statements' transactions and their signed sum per statement currency (CURDEF). As for
ofxparse (ofxparse_reading.py), a file with only credit-card (CREDITCARDMSGSRSV1) or investment (INVSTMTMSGSRSV1)
statements is expected refused: this project does not take card or investment money for settlements. So is a file
with a transaction upstream reads with no date (ofxdata-banking-xml200.ofx, whose one <STMTTRN> holds only
"*snipped*": upstream makes it 0.00 on no date; this project refuses such a line, naming it).
"""
import os
import sys
from decimal import Decimal

from upstream import driver, emit, files, show, source

GIT, COMMIT, OUT = sys.argv[1:4]
# Loads upstream's classes from OFXPARSER_LIB, reads stdin, prints the kind of statement and its transactions.
DRIVER = r'''<?php
spl_autoload_register(function ($c) {
  $f = getenv('OFXPARSER_LIB') . '/' . str_replace('\\', '/', $c) . '.php';
  if (is_file($f)) require $f;
});
$text = stream_get_contents(STDIN);
$ofx = (new \OfxParser\Parser())->loadFromString($text);
$kind = preg_match('/<BANKMSGSRSV1>/i', $text) ? 'bank'
  : (preg_match('/<CREDITCARDMSGSRSV1>/i', $text) ? 'credit-card' : (preg_match('/<INVSTMTMSGSRSV1>/i', $text) ? 'investment' : 'none'));
$accounts = [];
foreach ($ofx->bankAccounts ?: [] as $a) {
  $t = [];
  foreach ($a->statement->transactions ?: [] as $x) $t[] = [sprintf('%.2f', $x->amount), $x->date ? $x->date->format('Y-m-d') : null];
  $accounts[] = ['currency' => (string) $a->statement->currency, 'transactions' => $t];
}
echo json_encode(['kind' => $kind, 'accounts' => $accounts]);
'''

with driver('php', '.php', DRIVER) as run:
    entries = []
    for path in files(GIT, COMMIT, 'tests/fixtures/', '.ofx'):
        data = show(GIT, COMMIT, path)
        read = run(data=data)
        entry = {'format': 'ofx', 'source': source('asgrim/ofxparser', path, COMMIT, 'MIT')}
        rows, sums, undated = 0, {}, 0
        for account in read['accounts']:
            for amount, date in account['transactions']:
                rows += 1
                undated += date is None
                sums[account['currency']] = sums.get(account['currency'], 0) + int(Decimal(amount) * 100)
        if read['kind'] in ('credit-card', 'investment'):
            entry.update(rows=0, sumMinor={}, refused=True,
                         expected=f'asgrim/ofxparser reads it as a {read["kind"]} statement only; this project refuses those: no bank transactions to settle')
        elif undated:
            entry.update(rows=0, sumMinor={}, refused=True,
                         expected=f'asgrim/ofxparser reads {undated} transaction(s) with no date (and amount 0.00 for a missing TRNAMT); this project refuses such a line')
        elif read['kind'] == 'bank':
            entry.update(rows=rows, sumMinor=sums, expected=f'asgrim/ofxparser {COMMIT[:8]} Parser::loadFromString: its bank statements\' transactions and their amounts')
        else:
            print(f'skipped {path}: no statement', file=sys.stderr)
            continue
        name = path.split('/')[-1]
        with open(os.path.join(OUT, name), 'wb') as f:
            f.write(data)
        entries.append({'file': f'ofx/{name}', **entry})
emit(entries)
