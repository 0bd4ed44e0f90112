import fc from 'fast-check';
import { z } from 'zod';
import { deviceCommands } from '../../shared/commands/deviceCommands';
import { graphFolderId, graphId, syncStateToken } from '../../shared/protocol/schemas/common';
import { jsonSchemaArbitrary } from './jsonSchemaArbitrary';
import { requestJsonSchema, schemaFields, type JsonSchema } from './jsonSchema';
import { schemaMutations } from './schemaMutations';

/** The mapper is only as good as its agreement with zod: what it generates, zod accepts. */
describe('JSON Schema to fast-check mapper', () => {
  it.each(deviceCommands.map((command) => [command.route, command] as const))('generates only bodies %s accepts', (_route, command) => {
    const arbitrary = jsonSchemaArbitrary(requestJsonSchema(command.request));
    fc.assert(
      fc.property(arbitrary, (body) => {
        expect(command.request.safeParse(body).success).toBe(true);
      }),
      { numRuns: 200, seed: 1 },
    );
  });

  it.each(deviceCommands.map((command) => [command.route, command] as const))('derives mutations of %s that zod refuses when marked invalid', (_route, command) => {
    const schema = requestJsonSchema(command.request);
    const mutations = schemaMutations(schema).filter((mutation) => mutation.invalid && !mutation.label.endsWith('past the body limit'));
    expect(mutations.length).toBeGreaterThan(3);
    fc.assert(
      fc.property(jsonSchemaArbitrary(schema), fc.constantFrom(...mutations), (body, mutation) => {
        fc.pre(mutation.appliesTo?.(body) ?? true);
        const mutated = JSON.parse(JSON.stringify(mutation.apply(body)));
        expect({ mutation: mutation.label, accepted: command.request.safeParse(mutated).success }).toEqual({ mutation: mutation.label, accepted: false });
      }),
      { numRuns: 300, seed: 2 },
    );
  });

  it('reads every request field tag (x-ferry-kind)', () => {
    const schema = requestJsonSchema(z.strictObject({ id: graphId, folderId: graphFolderId, state: syncStateToken.optional(), other: z.string() }));
    expect(Object.fromEntries(schemaFields(schema).map((field) => [field.path.join('.'), field.kind]))).toEqual({ id: 'id', folderId: 'folder', state: 'state', other: undefined });
  });

  it('uses the arbitrary given for a kind', () => {
    const schema = requestJsonSchema(z.strictObject({ id: graphId }));
    fc.assert(fc.property(jsonSchemaArbitrary(schema, { kinds: { id: fc.constant('AAMkFixed') } }), (body) => expect(body).toEqual({ id: 'AAMkFixed' })), { numRuns: 5 });
  });

  it.each<[string, JsonSchema]>([
    ['allOf', { allOf: [{ type: 'string' }] }],
    ['not', { not: { type: 'string' } }],
    ['multipleOf', { type: 'integer', multipleOf: 3 }],
    ['patternProperties', { type: 'object', patternProperties: { '^x': { type: 'string' } } }],
    ['if', { if: { type: 'string' }, then: { minLength: 1 } }],
    ['an unknown format', { type: 'string', format: 'email' }],
    ['an unknown type', { type: 'date' }],
    ['an unknown keyword inside a property', { type: 'object', properties: { a: { type: 'string', contentEncoding: 'base64' } } }],
    ['an unknown keyword behind a $ref', { $ref: '#/$defs/A', $defs: { A: { type: 'array', items: { type: 'string' }, contains: { const: 'a' } } } }],
    ['an unresolvable $ref', { $ref: '#/$defs/Missing' }],
  ])('throws on %s, so no schema escapes the fuzzer', (_name, schema) => {
    expect(() => jsonSchemaArbitrary(schema)).toThrow(/jsonSchema/);
  });
});
