import type { Format } from '../../model/types';
import { ofxFormat } from './ofx';
import { camtFormat } from './camt';
import { cnAcquirer } from './cn-acquirer';
import { stripeItemized } from './stripe-itemized';
import { cnBankCsv } from './cn-bank-csv';
import { cnBankXls } from './cn-bank-xls';
import { cnCardStatement } from './cn-card';
import { adyenSdr } from './adyen-sdr';
import { adyenPar } from './adyen-par';
import { mt940 } from './mt940';
import { bai2 } from './bai2';
import { qif } from './qif';
import { square } from './square';
import { paypalStl } from './paypal-stl';
import { paypalActivity } from './paypal-activity';
import { wechatPay, wechatPersonal } from './wechat-pay';
import { alipay, alipayPersonal } from './alipay';
import { jdPersonal } from './jd-personal';
import { clearhaus } from './clearhaus';
import { mobilepay } from './mobilepay';
import { mapped } from './mapped';
import { allinpay } from './allinpay';
import { leshua } from './leshua';
import { zettle } from './zettle';

/**
 * Every format Settlewatch reads. Detection asks each one how well a file fits
 * (from its content, never its name) and the best fit reads it.
 */
export const FORMATS: readonly Format[] = [
  ofxFormat,
  camtFormat,
  cnAcquirer,
  stripeItemized,
  cnBankCsv,
  cnBankXls,
  cnCardStatement,
  adyenSdr,
  adyenPar,
  mt940,
  bai2,
  qif,
  square,
  paypalStl,
  paypalActivity,
  wechatPay,
  wechatPersonal,
  alipay,
  alipayPersonal,
  jdPersonal,
  clearhaus,
  mobilepay,
  allinpay,
  leshua,
  zettle,
  // Last and never detected (sniff 0): listed so the UI can offer a mapping for any CSV / XLSX.
  mapped,
];
