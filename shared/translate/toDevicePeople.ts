import type { Address } from '../protocol/schemas/mail';

/** The part of Graph's person (https://learn.microsoft.com/graph/api/resources/person) Ferry selects. */
export interface GraphPerson {
  displayName?: string | null;
  scoredEmailAddresses?: Array<{ address?: string | null } | null> | null;
}

/**
 * Graph's people as recipient suggestions: one entry per address in Graph's order, an address seen
 * before (case-insensitive) left out, a person without an address dropped. The name is the person's
 * display name, or the address when Graph has none.
 */
export function toDevicePeople(people: readonly GraphPerson[]): Address[] {
  const seen = new Set<string>();
  const out: Address[] = [];
  for (const person of people) {
    for (const scored of person?.scoredEmailAddresses ?? []) {
      const address = typeof scored?.address === 'string' ? scored.address.trim() : '';
      if (address === '' || seen.has(address.toLowerCase())) continue;
      seen.add(address.toLowerCase());
      out.push({ name: typeof person.displayName === 'string' && person.displayName.trim() !== '' ? person.displayName : address, address });
    }
  }
  return out;
}
