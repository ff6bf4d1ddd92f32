import type { MappingEntry } from '../types.js';

type Extra = Omit<MappingEntry, 'fsm' | 'finance' | 'direction'>;

/** A two-way entry. */
export const both = (fsm: string, finance: string, extra: Extra = {}): MappingEntry => ({ fsm, finance, direction: 'both', ...extra });
/** An FSM → finance entry. */
export const toFinance = (fsm: string, finance: string, extra: Extra = {}): MappingEntry => ({ fsm, finance, direction: 'to_finance', ...extra });
/** A finance → FSM entry. */
export const toFsm = (fsm: string, finance: string, extra: Extra = {}): MappingEntry => ({ fsm, finance, direction: 'to_fsm', ...extra });

/** Street, city, state, zip and country of an address block (the FSM address ↔ Books address fields). */
export const ADDRESS_PAIRS: ReadonlyArray<readonly [fsm: string, finance: string]> = [
  ['Street_1', 'address'],
  ['Street_2', 'street2'],
  ['City', 'city'],
  ['State', 'state'],
  ['Zip_Code', 'zip'],
  ['Country', 'country'],
];

/** The entries of one address block. */
export function addressEntries(fsmBlock: string, financeBlock: string, make: typeof both = both): MappingEntry[] {
  return ADDRESS_PAIRS.map(([fsm, finance]) => make(`${fsmBlock}.${fsm}`, `${financeBlock}.${finance}`));
}
