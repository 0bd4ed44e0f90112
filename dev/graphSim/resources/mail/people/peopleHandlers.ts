import { GraphError } from '../../../core/graphError';
import { parseCount, parseSelect, rejectUnknownOptions } from '../../../core/odataQuery';
import type { HandlerContext, SimResponse } from '../../../core/simContext';
import { json } from '../../../core/simResponses';
import type { Recipient } from '../../../core/graphTypes';
import { requireStore } from '../resolveTargets';
import { wordsOf } from '../messages/searchKql';

/**
 * GET /me/people (https://learn.microsoft.com/graph/api/user-list-people,
 * https://learn.microsoft.com/graph/people-insights-overview): the people the user works with,
 * "ordered by their relevance to the user". Here: everyone in the mailbox's From, To and Cc but the
 * owner, ranked by how many messages they appear in. `$search` matches names and addresses by word
 * prefix ("whose name or email address contains a word that begins with"; flag `peopleSearchWholeWords`
 * for whole words; Graph's fuzzy matching is not modelled). `$top` (default 10, UNVERIFIED), `$select`.
 * Needs delegated People.Read: a token with `scp` but without it gets 403 ErrorAccessDenied (UNVERIFIED
 * code). Graph finds at most 250 people for a search; here at most that many too.
 */
const personProperties = ['id', 'displayName', 'givenName', 'surname', 'userPrincipalName', 'scoredEmailAddresses', 'personType'] as const;
const maxPeople = 250;

interface Person {
  displayName: string;
  address: string;
  count: number;
}

export function listPeople(ctx: HandlerContext): SimResponse {
  if (ctx.scopes && !ctx.scopes.some((scope) => ['people.read', 'people.read.all'].includes(scope.toLowerCase()))) {
    throw new GraphError(403, 'ErrorAccessDenied', 'Access is denied. Check credentials and try again.');
  }
  const query = ctx.request.query;
  rejectUnknownOptions(query, ['$search', '$top', '$select', '$skip']);
  const select = parseSelect(query.get('$select'), personProperties, 'person');
  const top = parseCount(query.get('$top'), '$top', 10);
  const store = requireStore(ctx);
  const owner = store.owner.upn.toLowerCase();
  const people = new Map<string, Person>();
  for (const message of store.allMessages()) {
    const seen = new Set<string>();
    for (const recipient of [message.from, ...message.toRecipients, ...message.ccRecipients] as Array<Recipient | null>) {
      const address = recipient?.emailAddress?.address?.toLowerCase();
      if (!address || address === owner || seen.has(address)) continue;
      seen.add(address);
      const person = people.get(address) ?? { displayName: recipient!.emailAddress.name ?? address, address: recipient!.emailAddress.address!, count: 0 };
      person.count++;
      people.set(address, person);
    }
  }
  const raw = query.get('$search');
  const needle = raw === null ? [] : wordsOf(raw.replace(/^"|"$/g, ''));
  const wholeWords = ctx.sim.flags.peopleSearchWholeWords;
  const matches = (person: Person) => {
    if (raw === null) return true;
    const words = wordsOf(`${person.displayName} ${person.address}`);
    return needle.length > 0 && needle.every((want) => words.some((word) => (wholeWords ? word === want : word.startsWith(want))));
  };
  const ranked = [...people.values()]
    .filter(matches)
    .sort((a, b) => b.count - a.count || a.displayName.localeCompare(b.displayName))
    .slice(0, maxPeople)
    .slice(0, top);
  return json(200, {
    '@odata.context': `${ctx.baseUrl}/v1.0/$metadata#users('${ctx.oid}')/people`,
    value: ranked.map((person) => render(person, select)),
  });
}

function render(person: Person, select: string[] | undefined): Record<string, unknown> {
  const [givenName = '', ...rest] = person.displayName.split(' ');
  const full: Record<string, unknown> = {
    id: `person-${Buffer.from(person.address.toLowerCase()).toString('base64url')}`,
    displayName: person.displayName,
    givenName,
    surname: rest.join(' '),
    userPrincipalName: person.address,
    scoredEmailAddresses: [{ address: person.address, relevanceScore: person.count, selectionLikelihood: 'notSpecified' }],
    personType: { class: 'Person', subclass: 'OrganizationUser' },
  };
  if (!select) return full;
  return Object.fromEntries(Object.entries(full).filter(([name]) => name === 'id' || select.includes(name)));
}
