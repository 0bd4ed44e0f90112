import type { SimResource } from '../../core/simResource';
import { createDemoMailboxes, type MailboxSpec } from './demoMailboxes';
import { folderRoutes } from './folders/folderRoutes';
import { mailFlagDefaults } from './mailFlagDefaults';
import type { MailboxStore } from './mailboxStore';
import { createMailState, type MailState } from './mailState';
import { mailStores } from './mailStores';
import { messageRoutes } from './messages/messageRoutes';
import { listPeople } from './people/peopleHandlers';

/** Outlook mail: mailFolders and messages (with their delta collections), sendMail, people, and the mailbox generator. */
export const mailResource: SimResource<MailboxSpec, MailboxStore, MailState> = {
  name: 'mail',
  // /me/people lives here because the simulator ranks people by the mail exchanged with them.
  routes: [...folderRoutes, ...messageRoutes, { method: 'GET', pattern: 'people', operation: 'people.list', handler: listPeople }],
  store: {
    key: mailStores,
    create: ({ seed, specs, now, anchorInMs }) => createDemoMailboxes({ seed, specs: specs && [...specs], now, anchorInMs }),
  },
  flags: mailFlagDefaults,
  state: createMailState,
};
