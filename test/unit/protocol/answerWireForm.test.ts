import fc from 'fast-check';
import { z } from 'zod';
import { deviceCommands } from '../../../shared/commands/deviceCommands';
import { answerWireForm } from '../../../shared/protocol/answerWireForm';
import { isRawCommand, type CommandDefinition } from '../../../shared/protocol/commandDefinition';
import { omitDefaults } from '../../../shared/protocol/omitDefaults';
import { wellFormedStrings } from '../../../shared/protocol/wellFormedStrings';
import { jsonSchemaArbitrary } from '../../fuzz/jsonSchemaArbitrary';

/**
 * Issue #24 point 5: no lone surrogate reaches a device. A subject, name, category or body with one
 * (Graph relays them as they are) would go out as `"\udc00"`, which strict JSON decoders refuse, and
 * with it the whole answer. Property: for every command's answer schema, answers drawn from it with
 * lone surrogates put into their strings come out of answerWireForm with every string well-formed,
 * still valid for the schema when they were, never longer, and otherwise unchanged.
 */
const loneSurrogates = ['\ud800', '\udbff', '\udc00', '\udfff', '\ud83d', '\ude00'];

/** `value` with lone surrogates put into its strings: at the start, the end or the middle, by the drawn choices. */
function spoil(value: unknown, choices: number[], next = { at: 0 }): unknown {
  const choice = () => choices[next.at++ % choices.length]!;
  if (typeof value === 'string') {
    const c = choice();
    if (c % 3 === 0) return value;
    const lone = loneSurrogates[c % loneSurrogates.length]!;
    const at = c % 2 === 0 ? 0 : c % 5 === 0 ? value.length : Math.floor(value.length / 2);
    return value.slice(0, at) + lone + value.slice(at);
  }
  if (Array.isArray(value)) return value.map((item) => spoil(item, choices, next));
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, spoil(item, choices, next)]));
  return value;
}

function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value !== null && typeof value === 'object') return Object.entries(value).flatMap(([key, item]) => [key, ...strings(item)]);
  return [];
}

describe('answerWireForm: every string of every answer is well-formed', () => {
  // Raw commands (a download) answer bytes, not JSON: their problems go through the same front door.
  it.each(deviceCommands.filter((command) => !isRawCommand(command)).map((command) => [command.route, (command as CommandDefinition).response] as const))('%s: schema-drawn answers with lone surrogates', (_route, schema) => {
    const answers = jsonSchemaArbitrary(z.toJSONSchema(schema as z.ZodType, { io: 'output', target: 'draft-2020-12' }) as Record<string, unknown>);
    fc.assert(
      fc.property(answers, fc.array(fc.nat(1000), { minLength: 1, maxLength: 16 }), (answer, choices) => {
        const spoiled = spoil(answer, choices);
        const wire = answerWireForm(schema as z.ZodType, spoiled);
        const json = JSON.stringify(wire);
        expect(strings(wire).every((text) => text.isWellFormed())).toBe(true);
        // JSON.stringify escapes a lone surrogate as \udXXX: none may be left.
        expect(json).not.toMatch(/\\ud[89a-f][0-9a-f]{2}/i);
        // Valid stays valid (a lone surrogate put into an id or a date-time makes the answer invalid first).
        if ((schema as z.ZodType).safeParse(spoiled).success) expect((schema as z.ZodType).safeParse(JSON.parse(json)).success).toBe(true);
        // Nothing else changes: without surrogates put in, the wire form is omitDefaults' alone.
        expect(answerWireForm(schema as z.ZodType, answer)).toEqual(omitDefaults(schema as z.ZodType, answer));
        expect(Buffer.byteLength(json)).toBeLessThanOrEqual(Buffer.byteLength(JSON.stringify(omitDefaults(schema as z.ZodType, spoiled))));
      }),
      { numRuns: 200, seed: 24 },
    );
  });
});

describe('wellFormedStrings', () => {
  it('replaces each lone surrogate with U+FFFD, keeps pairs, keys included, and changes nothing in place', () => {
    const value = { subject: 'a\udc00b', from: { name: '\ud83d', address: 'x@contoso.test' }, categories: ['😀', 'c\ud800'], ['k\udfff']: 1, n: null, t: true };
    const copy = structuredClone(value);
    expect(wellFormedStrings(value)).toEqual({ subject: 'a\ufffdb', from: { name: '\ufffd', address: 'x@contoso.test' }, categories: ['😀', 'c\ufffd'], ['k\ufffd']: 1, n: null, t: true });
    expect(value).toEqual(copy);
  });

  it('returns a value without lone surrogates as it is, not a copy', () => {
    const value = { upserts: [{ subject: 'Quarterly 😀', categories: ['Red'] }], removed: ['AAMk1'] };
    expect(wellFormedStrings(value)).toBe(value);
  });
});
