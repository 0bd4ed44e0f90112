import type { CommandDefinition } from '../protocol/commandDefinition';
import { FerryError } from '../protocol/ferryError';
import { peopleSearchRequest as peopleSearchSchema, peopleSearchResponse } from '../protocol/schemas/search';
import type { CommandContext } from '../runtime/commandContext';
import { GraphRequestError } from '../graph/graphErrors';
import { cleanSearchText } from '../graph/requests/searchKql';
import { peopleSearchRequest } from '../graph/requests/searchRequests';
import { toDevicePeople, type GraphPerson } from '../translate/toDevicePeople';

const defaultLimit = 10;

export const peopleSearchCommand: CommandDefinition<typeof peopleSearchSchema, typeof peopleSearchResponse, CommandContext> = {
  route: 'people/search',
  functionName: 'peopleSearch',
  summary: 'Suggest recipients while the user types',
  description:
    "People the user works with (Graph's `/me/people`), ranked by Graph, whose name or address has a word starting with `text` (Graph also matches loosely: the exact matching is Graph's). One entry per address, duplicates and people without an address left out. Needs the delegated People.Read permission: without it the answer is `forbidden`. Directory search is not offered.",
  request: peopleSearchSchema,
  response: peopleSearchResponse,
  errors: ['forbidden', 'consent_required', 'throttled', 'upstream_unavailable', 'upstream_error', 'mailbox_unavailable'],
  async handler(input, context) {
    const text = cleanSearchText(input.text);
    if (text === '') throw new FerryError('bad_request', { detail: 'Give some text to search for.', logReason: 'no_text' });
    const limit = input.limit ?? defaultLimit;
    let value: GraphPerson[];
    try {
      ({ value } = await context.graph.page<GraphPerson>(peopleSearchRequest(text, limit)));
    } catch (error) {
      // Without People.Read (the user did not consent to it) Graph refuses the call; its code is not
      // documented, so any 403 of this call is the missing permission.
      if (error instanceof GraphRequestError && error.graphStatus === 403) {
        throw new FerryError('forbidden', { detail: 'This app may not read the people the user works with (the People.Read permission is not granted).', logReason: 'people_read_missing' });
      }
      throw error;
    }
    const people = toDevicePeople(value).slice(0, limit);
    context.logger.info('people.search', { people: people.length, graphPeople: value.length });
    return { people };
  },
};
