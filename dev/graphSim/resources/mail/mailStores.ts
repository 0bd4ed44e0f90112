import { storeKey } from '../../core/resourceStores';
import type { MailboxStore } from './mailboxStore';

/** The mail resource's per-user store: folders and messages (`sim.stores.get(mailStores, oid)`). */
export const mailStores = storeKey<MailboxStore>('mail');
