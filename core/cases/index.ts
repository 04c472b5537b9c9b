// Cases: what the merchant does about an alert until the money is back — the record, its timeline and
// checklist, whom to contact and why. Pure; core/ledger stores and serves them.
export * from './types';
export * from './subject';
export * from './model';
export * from './advice';
export * from './checklist';
export * from './observe';
