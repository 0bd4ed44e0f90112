import { createMailbox } from '../../../dev/graphSim/resources/mail/createMailbox';
import { htmlToText } from '../../../dev/graphSim/core/bodyConversion';
import { enronTextLengthFit, sampleTextLength } from '../../../dev/graphSim/core/corpus/textLengths';
import { createRandom } from '../../../dev/graphSim/core/random';
import { percentile, summarizeCorpus } from '../../../bench/corpus/summarizeCorpus';

const anchorInMs = Date.UTC(2026, 4, 1);
const inbox = (seed: number, messageCount = 500) => {
  const store = createMailbox({ seed, messageCount, folderCount: 0, layout: 'inbox', anchorInMs });
  return store.messagesIn(store.wellKnown('inbox')!.id);
};

describe('the demo corpus', () => {
  it('draws text lengths from the Enron log-normal fit (median 920, σ 1.61)', () => {
    const random = createRandom(42);
    const draws = Array.from({ length: 20_000 }, () => sampleTextLength(random)).sort((a, b) => a - b);
    expect(percentile(draws, 50)).toBeGreaterThan(enronTextLengthFit.medianInChars * 0.93);
    expect(percentile(draws, 50)).toBeLessThan(enronTextLengthFit.medianInChars * 1.07);
    // p95 of a log-normal is median · e^(1.645σ): about 13,000 characters.
    const p95 = enronTextLengthFit.medianInChars * Math.exp(1.645 * enronTextLengthFit.sigma);
    expect(percentile(draws, 95)).toBeGreaterThan(p95 * 0.85);
    expect(percentile(draws, 95)).toBeLessThan(p95 * 1.15);
    expect(draws[draws.length - 1]).toBeLessThanOrEqual(enronTextLengthFit.maxInChars);
  });

  it('puts every message of the inbox layout in the Inbox, newsletters among them', () => {
    const store = createMailbox({ seed: 2, messageCount: 120, folderCount: 0, layout: 'inbox', anchorInMs });
    expect(store.messagesIn(store.wellKnown('inbox')!.id)).toHaveLength(120);
    expect([...store.messages.values()].some((m) => m.from?.emailAddress.address.startsWith('newsletter@') || m.from?.emailAddress.address.startsWith('no-reply@'))).toBe(true);
  });

  it('is real prose: one body gzipped alone keeps at least 40% of its bytes at the median', () => {
    for (const seed of [1, 7]) {
      const summary = summarizeCorpus(inbox(seed).map((m) => m.body));
      expect(summary.count).toBe(500);
      expect(summary.medianGzipRatio).toBeGreaterThanOrEqual(0.4);
      // Bodies must not repeat each other like a handful of stock sentences would (those gzip to ~15%).
      expect(summary.togetherGzipRatio).toBeGreaterThan(0.18);
      // The text form's distribution follows the fit, quotes and greetings included.
      expect(summary.textLength.p50).toBeGreaterThan(600);
      expect(summary.textLength.p50).toBeLessThan(1600);
      expect(summary.textLength.p90).toBeGreaterThan(summary.textLength.p50 * 3);
    }
  });

  it('has HTML bodies (Outlook mail, newsletters), reply chains quoting earlier mail, other languages and emoji', () => {
    const messages = inbox(3);
    const summary = summarizeCorpus(messages.map((m) => m.body));
    expect(summary.htmlShare).toBeGreaterThan(0.4);
    expect(summary.htmlShare).toBeLessThan(0.9);
    expect(summary.quotingShare).toBeGreaterThan(0.03);
    const html = messages.filter((m) => m.body.contentType === 'html').map((m) => m.body.content);
    expect(html.some((h) => h.includes('class="MsoNormal"'))).toBe(true);
    expect(html.some((h) => h.includes('role="presentation"'))).toBe(true);
    const texts = messages.map((m) => (m.body.contentType === 'html' ? htmlToText(m.body.content) : m.body.content)).join('\n');
    expect(texts).toMatch(/\r\nFrom: .*\r\nSent: /);
    expect(texts).toMatch(/[äöüßéèàç]/);
    expect(texts).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/u);
    expect(texts).toMatch(/\p{Extended_Pictographic}/u);
  });

  it('stays deterministic per seed', () => {
    const bodies = (seed: number) => inbox(seed, 60).map((m) => m.body.content);
    expect(bodies(5)).toEqual(bodies(5));
    expect(bodies(5)).not.toEqual(bodies(6));
  });
});
