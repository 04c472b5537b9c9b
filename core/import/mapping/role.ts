import type { FileRole } from '../../model/types';
import type { MappingColumns, MappingProfile } from './profile';

/** Why a file was taken for a bank statement or an acquirer export. */
export type RoleClue =
  /** A column moves by exactly each row's amount: a running balance, which only statements print. */
  | 'balance'
  /** Columns only acquirer exports print: fee, net, terminal, card, payout, settlement date, time of sale. */
  | 'acquirer_columns'
  /** Split credit and debit columns or a counterparty, as statements print them. */
  | 'bank_columns'
  /** Nothing tells: a statement is the likelier file to arrive unrecognised. */
  | 'default';

const ACQUIRER_ONLY: readonly (keyof MappingColumns)[] = ['fee', 'net', 'terminal', 'card', 'payoutId', 'settlementDate', 'time'];

/**
 * Whether a file no format reads is a bank statement or an acquirer export, from what the two guesses found in
 * its content: a running balance that agrees with the amounts row by row (guess.ts balanceAgreement) says bank;
 * two or more columns only an acquirer prints (a fee and a net, a terminal) say acquirer; split credit/debit
 * columns say bank.
 */
export function guessRole(guesses: { readonly bank: MappingProfile; readonly acquirer: MappingProfile }): {
  readonly role: FileRole;
  readonly clue: RoleClue;
} {
  const bank = guesses.bank.columns;
  const acq = guesses.acquirer.columns;
  if (bank.balance !== undefined) return { role: 'bank', clue: 'balance' };
  const acquirerColumns = ACQUIRER_ONLY.filter(f => acq[f] !== undefined).length;
  if (acquirerColumns >= 2) return { role: 'acquirer', clue: 'acquirer_columns' };
  if ((bank.credit !== undefined && bank.debit !== undefined) || bank.counterparty !== undefined)
    return { role: 'bank', clue: 'bank_columns' };
  if (acquirerColumns === 1 && acq.gross !== undefined) return { role: 'acquirer', clue: 'acquirer_columns' };
  return { role: 'bank', clue: 'default' };
}
