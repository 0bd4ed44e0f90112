import { renderOutlookHtml } from '../../../dev/graphSim/core/corpus/renderMailHtml';
import { shapeBody } from '../../../shared/translate/shapeBody';
import { startGraphSim, type GraphSimHarness } from '../../helpers/graphSimHarness';
import { browserView, cutProblems } from './browserOracle';

/**
 * Issue #24 point 2: Outlook's HTML opens with about 2 KB of <head> and <style>; when markup counted
 * toward maxChars, a 512 cut held only CSS. maxChars now counts the text a reader sees (decoded, outside
 * head, script, style…), markup riding along within htmlMarkupAllowance: a preview-sized cut shows
 * the opening words. Checked on an Outlook-shaped body and on the demo corpus (`npm start` seeds
 * Outlook-style HTML and newsletters), with parse5's tree construction as the reader.
 */
const opening = [
  'Hi team,',
  '',
  'Following up on Thursday\u2019s review: the Q3 numbers are in the shared folder, and the summary is below. Please read it before Monday, we will decide on the rollout then.',
  '',
  'Revenue grew 12% over the quarter, driven by the new subscription tier; churn stayed flat. Support volume rose with the launch and came back down by the end of August. Costs were on plan except cloud spend, which ran 8% over because of the migration.',
  '',
  'For the rollout itself: the pilot customers have signed off, the runbook is reviewed, and on-call is staffed for the first two weeks. The open risk is the billing export, which finance wants tested against September data first.',
  '',
  'Thanks, Dana',
];

describe('a 512-character HTML cut of an Outlook message shows its words', () => {
  it('the Outlook-shaped body: a kilobyte or more of head and style, then words', () => {
    const html = renderOutlookHtml(opening);
    const whole = browserView(html);
    expect(html.indexOf('Hi team')).toBeGreaterThan(1000); // the simulator's Outlook head is about 1.2 KB; real ones often 2 KB and more
    const body = shapeBody(html, 'html', 512);
    expect(body.truncated).toBe(true);
    const cut = browserView(body.content);
    expect(cut.visibleText.length).toBeLessThanOrEqual(512);
    expect(cut.visibleText.length).toBeGreaterThan(480);
    expect(cut.visibleText).toContain('Hi team,');
    expect(cut.visibleText).toContain('Revenue grew 12%');
    expect(whole.visibleText.startsWith(cut.visibleText)).toBe(true);
    expect(cutProblems(html, body.content)).toEqual([]);
    // The head and its style come along whole: the device renders the cut as Outlook styled it.
    expect(body.content.startsWith(html.slice(0, html.indexOf('</head>') + 7))).toBe(true);
  });

  it('counted strictly (markup in maxChars, as a cut to fit the answer budget is), 512 holds no word', () => {
    const cut = browserView(shapeBody(renderOutlookHtml(opening), 'html', 512, { strict: true }).content);
    expect(cut.visibleText.trim()).toBe('');
  });

  describe('the demo corpus', () => {
    let h: GraphSimHarness;
    beforeAll(async () => {
      h = await startGraphSim();
    });
    afterAll(() => h.close());

    it('every HTML message of the demo inbox cut to 512 shows its opening words, faithfully', () => {
      const messages = h.sim.state.mailbox('alice@contoso.test')!.messages('inbox') as Array<{ body: { contentType: string; content: string } }>;
      const html = messages.filter((message) => message.body.contentType === 'html').map((message) => message.body.content);
      expect(html.length).toBeGreaterThan(10);
      for (const content of html) {
        const whole = browserView(content).visibleText;
        const body = shapeBody(content, 'html', 512);
        const cut = browserView(body.content).visibleText;
        const where = content.slice(0, 80);
        expect([where, cut.length <= 512, whole.startsWith(cut)]).toEqual([where, true, true]);
        // At least the first 400 characters a reader sees, or the whole text when shorter; words, not CSS.
        expect([where, cut.length >= Math.min(400, whole.length)]).toEqual([where, true]);
        expect([where, /[A-Za-z]{3,}/.test(cut) || whole.trim() === '']).toEqual([where, true]);
        expect([where, cutProblems(content, body.content)]).toEqual([where, []]);
      }
    });
  });
});
