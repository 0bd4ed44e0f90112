import type { Random } from '../random';

/** Writes prose of about a given length, one paragraph per array item. */
export interface ProseModel {
  /**
   * Paragraphs of about `targetLength` UTF-16 units in all (paragraph breaks not counted), ending at a
   * sentence end: the last sentence may run past the target by its own length.
   */
  paragraphs(random: Random, targetLength: number): string[];
}

const sentenceEnd = /[.!?。！？]["'”’)\]]*$/;
/** How often a sentence end also ends a paragraph: mail paragraphs run three or four sentences. */
const paragraphBreakChance = 0.3;

/**
 * A word-level Markov chain over `texts`: each next word is drawn from the words that followed the
 * last two words somewhere in the sources, or, with probability `backoff`, the last word only. The
 * output keeps the sources' word frequencies, phrases and sentence shapes; backing off breaks up the
 * long verbatim runs a small source would otherwise repeat from message to message (which would make
 * a page of mail compress far better than real mail does). Texts are chained separately (no
 * transition crosses from one source into the next).
 */
export function buildWordModel(texts: readonly string[], backoff = 0.3): ProseModel {
  const transitions = new Map<string, string[]>();
  const add = (key: string, next: string) => {
    const list = transitions.get(key);
    if (list) list.push(next);
    else transitions.set(key, [next]);
  };
  const starts: string[][] = [];
  for (const text of texts) {
    const words = text.split(/\s+/).filter((w) => w.length > 0);
    for (let i = 0; i + 2 <= words.length; i++) {
      const key = words.slice(i, i + 2);
      if ((i === 0 || sentenceEnd.test(words[i - 1]!)) && /^["'“(]?\p{Lu}/u.test(key[0]!)) starts.push(key);
      add(`1 ${words[i]}`, words[i + 1]!);
      const next = words[i + 2];
      if (next !== undefined) add(`2 ${key.join(' ')}`, next);
    }
  }
  const nextWords = (random: Random, window: readonly string[]) =>
    (random.chance(backoff) ? undefined : transitions.get(`2 ${window.join(' ')}`)) ?? transitions.get(`1 ${window[window.length - 1]}`);
  if (starts.length === 0) throw new RangeError('buildWordModel: the sources hold no sentence start');

  return {
    paragraphs(random, targetLength) {
      const paragraphs: string[] = [];
      let current: string[] = [];
      let length = 0;
      let window = [...random.pick(starts)];
      current.push(...window);
      length += window.join(' ').length;
      for (;;) {
        const last = current[current.length - 1]!;
        if (sentenceEnd.test(last)) {
          if (length >= targetLength) break;
          if (random.chance(paragraphBreakChance)) {
            paragraphs.push(current.join(' '));
            current = [];
          }
        }
        const options = nextWords(random, window);
        if (!options || length > targetLength + 400) {
          // The end of a source, or a sentence that will not end: close it and start a fresh one.
          if (!sentenceEnd.test(last)) current[current.length - 1] = `${last.replace(/[,;:]$/, '')}.`;
          length += 1;
          if (length >= targetLength) break;
          window = [...random.pick(starts)];
          current.push(...window);
          length += window.join(' ').length + 1;
          continue;
        }
        const next = random.pick(options);
        current.push(next);
        length += next.length + 1;
        window = [...window.slice(1), next];
      }
      if (current.length > 0) paragraphs.push(current.join(' '));
      return paragraphs;
    },
  };
}

/**
 * For scripts written without spaces (Japanese, Chinese): whole sentences in source order from a
 * random starting point, wrapping around. Sentences end at 。！？ (full-width) or . ! ?.
 */
export function buildSentenceModel(text: string): ProseModel {
  const sentences = text.match(/[^。！？.!?\n]+[。！？.!?]?/g)?.map((s) => s.trim()).filter((s) => s.length > 0) ?? [];
  if (sentences.length === 0) throw new RangeError('buildSentenceModel: no sentences');
  return {
    paragraphs(random, targetLength) {
      const paragraphs: string[] = [];
      let current = '';
      let length = 0;
      let index = random.int(sentences.length);
      while (length < targetLength) {
        const sentence = sentences[index % sentences.length]!;
        current += sentence;
        length += sentence.length;
        index++;
        if (random.chance(paragraphBreakChance)) {
          paragraphs.push(current);
          current = '';
        }
      }
      if (current) paragraphs.push(current);
      return paragraphs;
    },
  };
}
