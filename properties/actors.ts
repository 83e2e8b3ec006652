/**
 * The accounts every suite uses: the two parties and a stranger (a keeper, or anyone else).
 * @module
 */
import type { Address, Role } from '../reference/index.js';

export const PARTY_A: Address = '0x000000000000000000000000000000000000a11a';
export const PARTY_B: Address = '0x000000000000000000000000000000000000b22b';
export const STRANGER: Address = '0x000000000000000000000000000000000000c33c';

export type ActorName = Role | 'stranger';

export const addressOfActor: Readonly<Record<ActorName, Address>> = { A: PARTY_A, B: PARTY_B, stranger: STRANGER };
