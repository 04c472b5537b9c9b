"""Copies annacruz/ofx's test files into the corpus with expectations from its own parser.

Usage: OFX_LIB=LIB python3 annacruz-ofx.py GIT_DIR COMMIT OUT_DIR > entries.json
GIT_DIR is a clone of https://github.com/annacruz/ofx (the `ofx` gem, MIT: its gemspec and README), LIB its `lib`
folder at the same commit (git archive COMMIT lib), run with ruby and nokogiri. Every spec/fixtures/*.ofx is read as
its spec does (OFX::Parser::Base.new on the file's path): the accounts' transactions, amount_in_pennies, summed per
account currency. As for ofxparse (ofxparse_reading.py), only bank accounts count (upstream gives a card account, from
<CCACCTFROM>, no type) and a file of card accounts only is expected refused. cef_malformed_decimal.ofx is expected
refused: upstream reads its TRNAMT "." as 0.00; this project refuses an amount it cannot read, naming the line.
Left out: error.ofx (a sign-on error, no statement) and invalid_version.ofx, which upstream refuses for its header's
version while this project reads its body: no upstream figures to compare.
"""
import os
import sys
import tempfile

from upstream import driver, emit, files, show, source

GIT, COMMIT, OUT = sys.argv[1:4]
REFUSED = {'spec/fixtures/cef_malformed_decimal.ofx': 'annacruz/ofx reads its TRNAMT "." as 0.00; this project refuses an amount it cannot read'}
# Loads upstream's library from OFX_LIB, parses the file at argv[0], prints each account's kind, currency and pennies.
DRIVER = r'''
require 'json'
$LOAD_PATH.unshift(ENV.fetch('OFX_LIB'))
require 'ofx'
begin
  parser = OFX::Parser::Base.new(ARGV[0]).parser
  puts JSON.generate(parser.accounts.map { |a|
    { 'bank' => !a.type.nil?, 'currency' => a.currency.to_s, 'pennies' => a.transactions.map(&:amount_in_pennies) }
  })
rescue OFX::UnsupportedFileError => e
  puts JSON.generate({ 'refused' => e.class.name })
end
'''

with driver('ruby', '.rb', DRIVER) as run, tempfile.TemporaryDirectory() as tmp:
    entries = []
    for path in files(GIT, COMMIT, 'spec/fixtures/', '.ofx'):
        data = show(GIT, COMMIT, path)
        name = path.split('/')[-1]
        local = os.path.join(tmp, name)
        with open(local, 'wb') as f:
            f.write(data)
        read = run(local)
        if isinstance(read, dict) or not read:
            print(f'skipped {path}: upstream refuses it, or it holds no statement', file=sys.stderr)
            continue
        entry = {'file': f'ofx/annacruz-{name}', 'format': 'ofx', 'source': source('annacruz/ofx', path, COMMIT, 'MIT')}
        bank = [a for a in read if a['bank']]
        if path in REFUSED:
            entry.update(rows=0, sumMinor={}, refused=True, expected=REFUSED[path])
        elif not bank:
            entry.update(rows=0, sumMinor={}, refused=True,
                         expected='annacruz/ofx reads it as credit-card accounts only; this project refuses those: no bank transactions to settle')
        else:
            sums = {}
            for a in bank:
                for p in a['pennies']:
                    sums[a['currency']] = sums.get(a['currency'], 0) + p
            entry.update(rows=sum(len(a['pennies']) for a in bank), sumMinor=sums,
                         expected=f'annacruz/ofx {COMMIT[:8]} OFX::Parser::Base: its bank accounts\' transactions, amount_in_pennies')
        with open(os.path.join(OUT, f'annacruz-{name}'), 'wb') as f:
            f.write(data)
        entries.append(entry)
emit(entries)
