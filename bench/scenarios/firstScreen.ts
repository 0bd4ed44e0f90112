import { benchUser } from '../stack/benchMailboxes';
import { compareFolderSync } from './compareFolderSync';
import { serverTimingRows, wallFloorRow } from '../report/serverTimingRows';
import { absoluteRows, ratioRow, type Scenario } from './scenario';

/**
 * 3. The first inbox screen: the newest 50 with previews, the Inbox id known on both paths (a fresh
 * install, folders first, comes with a later one-round-trip launch command).
 */
export const firstScreen: Scenario = {
  name: 'first-screen',
  title: 'first inbox screen, newest 50 with previews',
  budgetInSeconds: 8,
  async run(context) {
    const samples = await compareFolderSync(context, {
      user: benchUser,
      folderId: await context.inboxId(benchUser),
      window: 50,
      ferryBody: { type: 'none' },
      directWithBody: false,
      variants: ['ferry-br', 'direct-raw', 'direct-gzip'],
      firstAnswerOnly: true,
    });
    return {
      rows: [
        ratioRow(samples, 'first-screen.wall.ferry-br/direct-raw', 'ferry-br', 'direct-raw', (s) => s.wallInMs, 0.8),
        // One round trip bounds both; Ferry adds one in-region round trip to what direct does (the floor, about 1.04).
        ratioRow(samples, 'first-screen.wall.ferry-br/direct-gzip', 'ferry-br', 'direct-gzip', (s) => s.wallInMs, 1.08),
        wallFloorRow('first-screen.wall.floor.ferry-br/direct-gzip', samples['direct-gzip']!.map((s) => s.wallInMs), context.options.regionRttInMs),
        ...serverTimingRows('first-screen', samples['ferry-br']!.map((s) => s.serverTimings ?? [])),
        ...absoluteRows(samples, 'first-screen').filter((r) => !r.name.includes('.body-kb.')),
      ],
      breakdowns: [],
    };
  },
};
