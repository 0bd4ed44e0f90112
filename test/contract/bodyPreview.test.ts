import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Message as GraphMessage } from '@microsoft/microsoft-graph-types';
import { messageSchema } from '../../shared/protocol/schemas/mail';
import { toDeviceMessage } from '../../shared/translate/toDeviceMessage';
import { toDevicePreview } from '../../shared/translate/toDevicePreview';
import { startGraphSim, smallMailboxes, type GraphSimHarness } from '../helpers/graphSimHarness';

/**
 * bodyPreview keeps the body's line breaks and runs of spaces.
 * https://learn.microsoft.com/graph/api/message-get, example 3 (test/fixtures/graph-samples/message-get-text.json):
 * `"bodyPreview":"Welcome to our group, Dana! Hope you will enjoy working with us !\r\n\r\nWould you like
 * ...\r\n\r\n\r\nDate\r\n        Time\r\n\r\nApril 14, 2017\r\n        1-3pm ... Th"`, 255 characters.
 * The simulator previews that way; Ferry gives the device the preview on one line (docs/device-api.md,
 * Message.preview): each run of white space one space, trimmed.
 */
const samples = path.join(__dirname, '../fixtures/graph-samples');
const sample = <T>(name: string): T => JSON.parse(readFileSync(path.join(samples, `${name}.json`), 'utf8')) as T;
const textSample = sample<GraphMessage & { body: { content: string } }>('message-get-text');
const oneLine =
  'Welcome to our group, Dana! Hope you will enjoy working with us ! Would you like to choose a day for our orientation from the available times below: ' +
  'Date Time April 14, 2017 1-3pm April 21, 2017 10-12noon Th';

describe('bodyPreview keeps \\r\\n and runs of spaces (message-get example 3)', () => {
  it('the sample: 255 characters with line breaks and runs of spaces', () => {
    expect(textSample.bodyPreview).toHaveLength(255);
    expect(textSample.bodyPreview).toContain('\r\n        Time');
  });

  describe('the simulator', () => {
    let h: GraphSimHarness;
    beforeAll(async () => {
      h = await startGraphSim({ mailboxes: smallMailboxes });
    });
    afterAll(() => h.close());

    it("previews the sample's text body as the sample does (its image placeholders left out, which the simulator never makes)", async () => {
      const bodyText = textSample.body.content.replaceAll('[\u{1F60A}] ', '');
      const id = h.sim.state.simulateArrival('alice@contoso.test', { subject: 'Welcome to our group!', bodyText });
      const answer = await h.get(`/me/messages/${encodeURIComponent(id)}?$select=subject,body,bodyPreview`, { headers: { Prefer: 'outlook.body-content-type="text"' } });
      expect(answer.body.bodyPreview).toBe(textSample.bodyPreview);
    });
  });

  describe('Ferry', () => {
    it('gives the device the preview on one line', () => {
      expect(toDevicePreview(textSample.bodyPreview)).toBe(oneLine);
      expect(toDevicePreview(null)).toBe('');
    });

    it('does so in every message it translates', () => {
      const withSamplePreview = { ...sample<GraphMessage>('message-get'), bodyPreview: textSample.bodyPreview };
      const message = toDeviceMessage(withSamplePreview, { body: { type: 'none' } });
      expect(message.preview).toBe(oneLine);
      expect(messageSchema.parse(message).preview).toBe(oneLine);
    });
  });
});
