import { truncateHtml } from '../../../shared/translate/truncateHtml';

/*
 * Exact cuts: the property and hostile suites check that every cut is safe (well-formed, faithful, within
 * budget); these pin that it is also as late as the budget allows, and what the edges the mutation run
 * found (an unterminated script, a stray end tag) give.
 */
const cut = (html: string, maxVisible: number, maxTotal = 1000) => truncateHtml(html, { maxVisible, maxTotal });

describe('truncateHtml: as late as allowed', () => {
  it.each([
    ['visible text, to the character', '<p>abcdefghij</p>', 5, 1000, '<p>abcde</p>'],
    ['the whole budget, end tags counted', '<p>abcdefghij</p>', 100, 12, '<p>abcde</p>'],
    ['a reference as one character', '<p>abc&amp;def</p>', 4, 1000, '<p>abc&amp;</p>'],
    ['a comment costs no visible text', '<p>ab<!--c-->cdef</p>', 3, 1000, '<p>ab<!--c-->c</p>'],
    ['head and title text are not visible', '<head><title>T</title></head><p>abcdef</p>', 3, 1000, '<head><title>T</title></head><p>abc</p>'],
    ['foreign elements closed by their own end tags', '<p>a</p><svg><circle/></svg><p>bcdef</p>', 3, 1000, '<p>a</p><svg><circle/></svg><p>bc</p>'],
    ['nothing appended after plaintext', '<plaintext>abcdef', 3, 1000, '<plaintext>abc'],
  ])('%s', (_name, html, maxVisible, maxTotal, expected) => {
    expect(cut(html, maxVisible, maxTotal)).toEqual({ content: expected, truncated: true });
  });

  it('leaves a body within both limits whole, and cuts one code unit over', () => {
    expect(cut('<p>abcde</p>', 5, 12)).toEqual({ content: '<p>abcde</p>', truncated: false });
    expect(cut('<p>abcde</p>', 5, 11)).toEqual({ content: '<p>abcd</p>', truncated: true });
    expect(cut('<p>abcde</p>', 4, 12)).toEqual({ content: '<p>abcd</p>', truncated: true });
  });
});

describe('truncateHtml: edges', () => {
  it('reads an unterminated script without throwing: hidden text that fits is kept, one that does not is left out whole', () => {
    expect(cut('<p>hi</p><script>var x = 1', 3, 100)).toEqual({ content: '<p>hi</p><script>var x = 1', truncated: false });
    expect(cut('<p>hi</p><script>var x = 1', 3, 20)).toEqual({ content: '<p>hi</p>', truncated: true });
  });

  it('a stray end tag closes nothing: the elements open around it are still closed', () => {
    expect(cut('<b>bold</i> more text here</b>', 8)).toEqual({ content: '<b>bold</i> mor</b>', truncated: true });
    expect(cut('<div><b>x</b></i>yz and more</div>', 3)).toEqual({ content: '<div><b>x</b></i>yz</div>', truncated: true });
  });

  it('an end tag closes the elements opened inside its element', () => {
    expect(cut('<div><b><i>x</div>yz and more', 3)).toEqual({ content: '<div><b><i>x</div>yz', truncated: true });
  });
});
