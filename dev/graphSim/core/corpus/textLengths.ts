import type { Random } from '../random';

/**
 * How long a demo message's text is: log-normal, fitted to the Enron corpus (the EDRM Enron v2 set,
 * as measured by wewebber/text-coll-stats on 10,000 sampled documents: cl100k tokens per document
 * p5 17, median 230, p95 3,418). At about 4 characters per token (OpenAI's rule of thumb for English)
 * that is a median of 920 characters, and σ = (ln(3418/230) + ln(230/17)) / (2 × 1.645) = 1.61; the
 * two tails give 1.64 and 1.58, so a log-normal fits both ends. The fit was made once from those
 * numbers and is never tuned to a bench target. See docs/performance.md ("The corpus").
 *
 * The length counts the text form (what Graph serves for `outlook.body-content-type="text"`),
 * quoted earlier mail included, in UTF-16 units.
 */
export const enronTextLengthFit = {
  medianInChars: 920,
  sigma: 1.61,
  /** Above p99.8 of the fit; a few longer bodies would only slow the generator. */
  maxInChars: 100_000,
  minInChars: 2,
} as const;

/** One standard normal draw (Box-Muller), from the seeded stream. */
export function sampleStandardNormal(random: Random): number {
  const u = 1 - random.next(); // (0, 1]: log(0) is not a number
  const v = random.next();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** A text length drawn from the Enron fit, clamped to [minInChars, maxInChars]. */
export function sampleTextLength(random: Random): number {
  const { medianInChars, sigma, minInChars, maxInChars } = enronTextLengthFit;
  const length = Math.round(medianInChars * Math.exp(sigma * sampleStandardNormal(random)));
  return Math.min(maxInChars, Math.max(minInChars, length));
}
