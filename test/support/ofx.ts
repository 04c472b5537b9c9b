// Small OFX files made in the test, for what the real fixtures do not show.

/** One credit line of a made statement. */
export interface OfxCredit {
  readonly fitid: string;
  /** YYYYMMDD. */
  readonly posted: string;
  readonly amount: string;
  readonly name: string;
}

/** An OFX 1.x statement of one account in USD over `period` (YYYYMMDD dates), with the credits given. */
export function ofxCredits(account: string, credits: readonly OfxCredit[], period: readonly [string, string]): string {
  const lines = credits.map(
    c => `<STMTTRN>\n<TRNTYPE>CREDIT\n<DTPOSTED>${c.posted}\n<TRNAMT>${c.amount}\n<FITID>${c.fitid}\n<NAME>${c.name}\n</STMTTRN>`,
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
    `<DTSTART>${period[0]}`,
    `<DTEND>${period[1]}`,
    ...lines,
    '</BANKTRANLIST>',
    '</STMTRS>',
    '</STMTTRNRS>',
    '</BANKMSGSRSV1>',
    '</OFX>',
    '',
  ].join('\n');
}

/** An OFX 1.x statement of one account whose lines are numbered 1, 2, 3 (as some banks number each statement's lines). */
export function ofxStatement(account: string, amounts: readonly string[]): string {
  const credits = amounts.map((amount, i) => ({ fitid: String(i + 1), posted: `2026010${i + 5}`, amount, name: `PAYER ${account}` }));
  return ofxCredits(account, credits, ['20260105', '20260109']);
}
