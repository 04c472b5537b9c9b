import type { Format, ParseResult } from '../../model/types';
import { refusal } from './acquirer-rows';

/**
 * A JD personal bill (京东交易流水: 京东账号名 above 交易时间, 商户名称, 交易说明, 金额, …, 交易订单号) records a person's
 * purchases on JD, not a merchant's settlement. Its columns are those of Alipay's personal bill, so it is told apart
 * by its account line and refused under its own name, saying what it is.
 */
export const jdPersonal: Format = {
  name: 'jd-personal',
  role: 'acquirer',
  sniff(head: string): number {
    const top = head.slice(0, 8192);
    return top.includes('京东账号名') && top.includes('交易订单号') ? 0.95 : 0;
  },
  parse(): ParseResult {
    return refusal('jd-personal', 1, '(file)', { code: 'personal_bill', params: { app: 'jd' } });
  },
};
