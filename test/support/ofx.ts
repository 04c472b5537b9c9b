// Small OFX files made in the test, for what the real fixtures do not show.

/** An OFX 1.x statement of one account whose lines are numbered 1, 2, 3 (as some banks number each statement's lines). */
export function ofxStatement(account: string, amounts: readonly string[]): string {
  const lines = amounts.map(
    (amount, i) =>
      `<STMTTRN>\n<TRNTYPE>CREDIT\n<DTPOSTED>2026010${i + 5}\n<TRNAMT>${amount}\n<FITID>${i + 1}\n<NAME>PAYER ${account}\n</STMTTRN>`,
  );
  return [
    'OFXHEADER:100',
    'DATA:OFXSGML',
    'VERSION:102',
    'SECURITY:NONE',
    'ENCODING:USASCII',
    'CHARSET:1252',
    'COMPRESSION:NONE',
    'OLDFILEUID:NONE',
    'NEWFILEUID:NONE',
    '',
    '<OFX>',
    '<BANKMSGSRSV1>',
    '<STMTTRNRS>',
    '<TRNUID>0',
    '<STMTRS>',
    '<CURDEF>USD',
    '<BANKACCTFROM>',
    '<BANKID>121000248',
    `<ACCTID>${account}`,
    '<ACCTTYPE>CHECKING',
    '</BANKACCTFROM>',
    '<BANKTRANLIST>',
    '<DTSTART>20260105',
    '<DTEND>20260109',
    ...lines,
    '</BANKTRANLIST>',
    '</STMTRS>',
    '</STMTTRNRS>',
    '</BANKMSGSRSV1>',
    '</OFX>',
    '',
  ].join('\n');
}
