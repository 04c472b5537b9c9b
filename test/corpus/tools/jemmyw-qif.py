"""Takes jemmyw/Qif's test files into the corpus with expectations from its own reader.

Usage: QIF_LIB=LIB python3 jemmyw-qif.py GIT_DIR COMMIT OUT_DIR > entries.json
GIT_DIR is a clone of https://github.com/jemmyw/Qif (MIT), LIB its `lib` folder at the same commit (git archive COMMIT
lib), run with ruby. Every spec/fixtures/*.qif is read by Qif::Reader with the date format its spec gives it (none:
upstream guesses): the transactions and the sum of their amounts (QIF names no currency: this project marks XXX).
A file upstream refuses (the investment register) is expected refused.
The three files that reproduce the example of Quicken's QIF documentation (Bank Of Mortgage, Anthony Hopkins; the same
text is on Wikipedia, CC BY-SA) are not committed: only their expectations, marked "committed": false (see
local-copies.py). not_a_QIF_file.txt is no statement: left out.
"""
import os
import sys
from decimal import Decimal

from upstream import driver, emit, files, show, source

GIT, COMMIT, OUT = sys.argv[1:4]
# The date formats upstream's spec/lib/reader_spec.rb reads each file with; the others it lets the reader guess.
FORMATS = {
    'spec/fixtures/3_records_ddmmyyyy.qif': 'dd/mm/yyyy', 'spec/fixtures/3_records_mmddyyyy.qif': 'mm/dd/yyyy',
    'spec/fixtures/3_records_ddmmyy.qif': 'dd/mm/yy', 'spec/fixtures/3_records_mmddyy.qif': 'mm/dd/yy',
    'spec/fixtures/3_records_invalid_header.qif': 'dd/mm/yy', 'spec/fixtures/splits.qif': 'd/m/yyyy',
}
QUICKEN_EXAMPLE = {'spec/fixtures/quicken_investment_account.qif', 'spec/fixtures/quicken_non_investement_account.qif', 'spec/fixtures/splits.qif'}
# Loads upstream's library from QIF_LIB, reads stdin with the date format in argv[0] ('' to guess), prints amounts.
DRIVER = r'''
require 'json'
$LOAD_PATH.unshift(ENV.fetch('QIF_LIB'))
require 'qif'
begin
  reader = Qif::Reader.new(STDIN.read, ARGV[0].to_s.empty? ? nil : ARGV[0])
  puts JSON.generate({ 'amounts' => reader.transactions.map { |t| t.amount.to_s } })
rescue Qif::Reader::UnknownAccountType, Qif::Reader::UnrecognizedData => e
  puts JSON.generate({ 'refused' => "#{e.class.name}: #{e.message.lines.first.strip}" })
end
'''

with driver('ruby', '.rb', DRIVER) as run:
    entries = []
    for path in files(GIT, COMMIT, 'spec/fixtures/', '.qif'):
        data = show(GIT, COMMIT, path)
        read = run(FORMATS.get(path, ''), data=data)
        name = path.split('/')[-1]
        entry = {'file': f'qif/jemmyw-{name}', 'format': 'qif'}
        if path in QUICKEN_EXAMPLE:
            entry.update(file=f'jemmyw-qif/{name}', committed=False,
                         source=source('jemmyw/Qif', path, COMMIT, 'unclear: the example of Quicken\'s QIF documentation (also on Wikipedia, CC BY-SA)'))
        else:
            entry['source'] = source('jemmyw/Qif', path, COMMIT, 'MIT')
            with open(os.path.join(OUT, f'jemmyw-{name}'), 'wb') as f:
                f.write(data)
        if 'refused' in read:
            entry.update(rows=0, sumMinor={}, refused=True, expected=f'jemmyw/Qif refuses it: {read["refused"]}')
        else:
            total = sum(Decimal(a) for a in read['amounts'])
            entry.update(rows=len(read['amounts']), sumMinor={'XXX': int(total * 100)},
                         expected=f'jemmyw/Qif {COMMIT[:8]} Qif::Reader (date format as its spec gives it): transactions and their amounts')
        entries.append(entry)
emit(entries)
