import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

const root = path.join(__dirname, '../../..');
const read = (file: string) => readFileSync(path.join(root, file), 'utf8');

/** A claim's test link: [`file.test.ts` › test name](../test/.../file.test.ts). */
const testLink = /\[`([^`]+\.test\.ts)` › ([^\]]+)\]\(([^)\s]+\.test\.ts)\)/g;

interface TestLink {
  doc: string;
  label: string;
  title: string;
  target: string;
}

function linksIn(doc: string): TestLink[] {
  return [...read(doc).matchAll(testLink)].map((match) => ({ doc, label: match[1]!, title: match[2]!, target: match[3]! }));
}

/** Whether `file` declares a describe/it/test with exactly this title (quotes unescaped). */
function declaresTest(source: string, title: string): boolean {
  const unescaped = source.replace(/\\(['"`])/g, '$1');
  const escaped = title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`\\b(?:it|test|describe)(?:\\.each\\([\\s\\S]*?\\))?\\(\\s*(['"\`])${escaped}\\1`).test(unescaped);
}

/**
 * docs/security.md and the limits table of docs/device-api.md name the test behind each claim by file
 * and test name. Each named test must exist, so a claim cannot outlive the test that holds it.
 */
describe('test links in the security and limits docs', () => {
  const links = [...linksIn('docs/security.md'), ...linksIn('docs/device-api.md')];

  it('finds the links (the docs are linked at all)', () => {
    expect(links.filter((link) => link.doc === 'docs/security.md').length).toBeGreaterThan(40);
    expect(links.filter((link) => link.doc === 'docs/device-api.md').length).toBeGreaterThanOrEqual(10);
  });

  it('points every link at an existing test file with the label\'s name', () => {
    const broken = links.filter((link) => {
      const file = path.resolve(path.dirname(path.join(root, link.doc)), link.target);
      return !existsSync(file) || path.basename(file) !== link.label;
    });
    expect(broken.map((link) => `${link.doc}: ${link.target}`)).toEqual([]);
  });

  it('names a test each linked file declares', () => {
    const gone = links.filter((link) => {
      const file = path.resolve(path.dirname(path.join(root, link.doc)), link.target);
      return existsSync(file) && !declaresTest(readFileSync(file, 'utf8'), link.title);
    });
    expect(gone.map((link) => `${link.doc}: ${link.label} › ${link.title}`)).toEqual([]);
  });

  it('links a test from every row of the limits table', () => {
    const doc = read('docs/device-api.md');
    const section = doc.slice(doc.indexOf('### Limits'), doc.indexOf('### ', doc.indexOf('### Limits') + 4));
    const rows = section.split('\n').filter((line) => line.startsWith('| ') && !line.startsWith('| limit') && !line.startsWith('|---'));
    expect(rows.length).toBeGreaterThanOrEqual(7);
    expect(rows.filter((row) => !/\.test\.ts\)/.test(row))).toEqual([]);
  });

  it('would notice a test that is gone', () => {
    expect(declaresTest("it('a real title', () => {})", 'a real title')).toBe(true);
    expect(declaresTest("it('alice\\'s state', () => {})", "alice's state")).toBe(true);
    expect(declaresTest("it('a real title', () => {})", 'a removed title')).toBe(false);
    expect(declaresTest("const x = 'a real title';", 'a real title')).toBe(false);
  });
});
