import type { ContactFolder as GraphContactFolder } from '@microsoft/microsoft-graph-types';
import { contactsFoldersRequest, contactsFoldersResponse, type ContactFolder } from '../protocol/schemas/contacts';
import { graphId } from '../protocol/schemas/common';
import { isFerryError } from '../protocol/ferryError';
import { contactFolderDeltaLinkRequest, contactFolderDeltaRequest, contactFolderGetRequest } from '../graph/requests/contactRequests';
import { defineSyncCommand, type AnswerSoFar } from '../sync/defineSyncCommand';
import { resolveDefaultContactFolder } from '../sync/resolveDefaultContactFolder';
import { walkContactChildFolders } from '../sync/walkContactChildFolders';
import type { CommandContext } from '../runtime/commandContext';
import { contactFolderSelectFields, toDeviceContactFolder } from '../translate/toDeviceContactFolder';

/** Contact folder trees are small: one answer carries up to this many folders. */
const folderWindow = 500;

export const contactsFoldersCommand = defineSyncCommand({
  route: 'contacts/folders',
  functionName: 'contactsFolders',
  summary: 'Sync the contact folder tree',
  description:
    'Returns every contact folder on the first round, the default one (`isDefault: true`, `parentId: null`) included in every round that starts from nothing, then only the changes. `more`, `reset` and `state` follow the sync rules.',
  request: contactsFoldersRequest,
  response: contactsFoldersResponse,
  errors: ['sync_state_invalid', 'consent_required', 'throttled', 'upstream_unavailable', 'upstream_error', 'mailbox_unavailable'],
  stateKind: 'contactFolders',
  stateShape: {
    /** The default folder's id, once resolved (v1.0 leaves it out of the list and the delta). */
    defaultId: graphId.optional(),
  },
  collection: () => 'contactFolders',
  async plan(_input, { context, previous, startsRound, startsOver }) {
    // Resolved in every round that starts over (it is sent in each), and at any round start until found.
    const fetched = startsOver || (startsRound && !previous?.defaultId) ? await defaultFolderFor(context, previous?.defaultId) : undefined;
    const defaultId = fetched?.id ?? previous?.defaultId;
    return {
      state: { defaultId },
      window: folderWindow,
      startRequest: (maxPageSize) => contactFolderDeltaRequest(contactFolderSelectFields, maxPageSize),
      linkRequest: contactFolderDeltaLinkRequest,
      select: contactFolderSelectFields,
      fillInRequest: (id, missing) => contactFolderGetRequest(id, missing),
      toDevice: (folder: GraphContactFolder): ContactFolder => toDeviceContactFolder(folder, defaultId),
      // A round that starts and ends in one answer saw the whole tree: add the nested folders the delta left out.
      completeRound: (visible: ReadonlyMap<string, GraphContactFolder>) =>
        walkContactChildFolders(context.graph, new Map(visible), defaultId ? [defaultId] : [], contactFolderSelectFields),
      // The default folder goes with the first answer of a round from nothing, and with the answer that first found it.
      amendAnswer: async (answer: AnswerSoFar<ContactFolder>) => {
        const send = fetched && (answer.reset || !previous?.defaultId) && !answer.upserts.some((f) => f.id === fetched.id);
        return { upserts: send ? [toDeviceContactFolder(fetched, fetched.id)] : [], state: { defaultId } };
      },
    };
  },
});

/**
 * The default folder for this answer: by its known id (it never changes), else resolved anew
 * (resolveDefaultContactFolder). Undefined when nothing resolves it: the next round tries again.
 */
async function defaultFolderFor(context: CommandContext, knownId: string | undefined): Promise<GraphContactFolder | undefined> {
  if (knownId) {
    try {
      const known = await context.graph.send<GraphContactFolder>(contactFolderGetRequest(knownId, contactFolderSelectFields));
      if (known.body.id) return known.body;
    } catch (error) {
      if (!isFerryError(error) || error.code !== 'not_found') throw error;
    }
  }
  const resolved = await resolveDefaultContactFolder(context.graph);
  context.logger.info('contacts.default_folder', { resolvedBy: resolved?.source ?? 'none' });
  return resolved?.folder;
}
