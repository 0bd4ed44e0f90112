import { hostileBodies, plainTextBody } from '../corpus/hostileBodies';
import { ratios, row, type Row } from '../report/rows';
import { shapeBody } from '../../shared/translate/shapeBody';
import type { Scenario } from './scenario';

const megabyte = 1024 * 1024;
/** The largest cut a device may ask for: the whole body is read, the worst case for the cutter. */
const maxChars = 1_000_000;

/** CPU milliseconds of one cut (user + system, this thread's process), the median of a few. */
function cutCpuInMs(content: string, contentType: 'text' | 'html'): number {
  const runs: number[] = [];
  for (let run = 0; run < 3; run++) {
    const before = process.cpuUsage();
    shapeBody(content, contentType, maxChars);
    const used = process.cpuUsage(before);
    runs.push((used.user + used.system) / 1000);
  }
  return runs.sort((a, b) => a - b)[1]!;
}

/**
 * 10. Hostile bodies (issue #24): CPU per MB of cutting each shape a stranger can mail (stray `<`,
 * distinct tags, unclosed comments, scripts and quotes, deep nesting, references, one long text token,
 * one long grapheme cluster) with maxChars 1,000,000, against plain text of the same size cut as HTML
 * (the same reader) and as text. Target: the worst shape within 3x plain text as HTML. In process, no
 * stack: translation is synchronous CPU inside a command.
 */
export const hostileBodiesScenario: Scenario = {
  name: 'hostile-bodies',
  title: 'CPU per MB of cutting hostile bodies (maxChars 1,000,000) against plain text of the same size',
  budgetInSeconds: 10,
  async run(context) {
    const plainText = plainTextBody.build(megabyte);
    const perShape = new Map<string, number[]>();
    const plainHtml: number[] = [];
    const plainAsText: number[] = [];
    for (let repeat = 0; repeat < context.options.repeats; repeat++) {
      plainHtml.push(cutCpuInMs(plainText, 'html'));
      plainAsText.push(cutCpuInMs(plainText, 'text'));
      for (const shape of hostileBodies) {
        const content = shape.build(megabyte);
        const list = perShape.get(shape.name) ?? [];
        list.push(cutCpuInMs(content, shape.contentType) * (megabyte / Math.max(1, content.length)));
        perShape.set(shape.name, list);
      }
    }
    const worst = plainHtml.map((_, repeat) => Math.max(...[...perShape.values()].map((list) => list[repeat]!)));
    const rows: Row[] = [
      row('hostile-bodies.cpu.worst/plain-html', ratios(worst, plainHtml), 3),
      row('hostile-bodies.cpu.worst/plain-text', ratios(worst, plainAsText), null),
      row('hostile-bodies.cpu-ms-per-mb.plain-html', plainHtml, null, 'ms'),
      row('hostile-bodies.cpu-ms-per-mb.plain-text', plainAsText, null, 'ms'),
      ...[...perShape].map(([name, list]) => row(`hostile-bodies.cpu-ms-per-mb.${name}`, list, null, 'ms')),
    ];
    return { rows, breakdowns: [] };
  },
};
