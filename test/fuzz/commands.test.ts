import fc from 'fast-check';
import { requestRecorder } from '../../dev/graphSim/core/requestRecorder';
import { graphIdPattern } from '../../shared/protocol/schemas/common';
import type { FerryKind } from '../../shared/protocol/schemas/ferryKind';
import { commandScenarios, ownSteps, type ScenarioStep } from '../helpers/commandScenarios';
import { deviceAnswerProblems } from '../helpers/deviceAnswerProblems';
import { graphRequestProblems } from '../helpers/graphOperationCheck';
import { smallMailboxes } from '../helpers/graphSimHarness';
import { startLoopbackListener, type LoopbackListener } from '../helpers/loopbackListener';
import { registeredCommands, type RegisteredCommand } from '../helpers/registeredCommands';
import { startStack, type Stack } from '../helpers/startStack';
import { fuzzSeeds, seededBytes, type FuzzRequest } from './fuzzSeeds';
import { jsonSchemaArbitrary } from './jsonSchemaArbitrary';
import { requestJsonSchema, schemaFields, type JsonSchema } from './jsonSchema';
import { rawDeviceCall } from './rawDeviceCall';
import { schemaMutations } from './schemaMutations';
import { queryMutations, rawSeeds, validQueries } from './rawRequests';
import { isRawCommand } from '../../shared/protocol/commandDefinition';
import { mailDraftUploadProgress } from '../../shared/protocol/schemas/uploads';
import { uploadRequests } from './uploadRequests';

/** Runs per command (valid requests and single mutations); CI keeps the default. */
const runs = Number(process.env.FERRY_FUZZ_RUNS ?? 100);
/** fast-check seed; a failure prints it with the path to replay (`FERRY_FUZZ_SEED=… FERRY_FUZZ_RUNS=…`). */
const seed = Number(process.env.FERRY_FUZZ_SEED ?? 7_2024);

interface Fuzzed {
  command: RegisteredCommand;
  schema: JsonSchema;
  alice: ScenarioStep[];
  bob: ScenarioStep[];
}

/**
 * Every command the host serves under /api/v1, read from its registrations and fuzzed from its own
 * JSON Schema: valid requests, single mutations, and the fixed seeds. Every answer must follow
 * the device-answer rule (deviceAnswerProblems); an invalid body is never 2xx; every Graph request the
 * simulator recorded from Ferry matches the operation table; a loopback URL planted in ids and states
 * is never called. A registered command without a schema or a scenario fails here. A raw (GET) command
 * is fuzzed in raw mode (rawRequests.ts): query parameters and Range headers instead of a JSON body.
 */
describe('fuzzing every registered command', () => {
  let stack: Stack;
  let alice: string;
  let bob: string;
  let listener: LoopbackListener;
  let registered: RegisteredCommand[];
  const fuzzed: Fuzzed[] = [];
  let answers = 0;
  /** Statuses seen per command, so a fuzzer that never gets past validation fails too. */
  const statuses = new Map<string, number[]>();

  beforeAll(async () => {
    stack = await startStack({ sim: { mailboxes: smallMailboxes } });
    listener = await startLoopbackListener();
    alice = await stack.token('alice@contoso.test');
    bob = await stack.token('bob@contoso.test');
    requestRecorder.start();
    registered = registeredCommands(stack.host);
    for (const command of registered) {
      const scenario = commandScenarios[command.route];
      if (!command.definition || !scenario) continue;
      fuzzed.push({
        command,
        schema: requestJsonSchema(command.definition.request),
        alice: await scenario(stack, alice),
        bob: await scenario(stack, bob),
      });
    }
  });
  afterAll(async () => {
    requestRecorder.stop();
    await listener.close();
    await stack.close();
  });

  async function send(target: Fuzzed, request: FuzzRequest): Promise<string[]> {
    const answer = await rawDeviceCall(stack.hostUrl, target.command.route, request, alice);
    answers++;
    statuses.set(target.command.route, [...(statuses.get(target.command.route) ?? []), answer.status]);
    const definition = target.command.definition!;
    const problems = !isRawCommand(definition)
      ? deviceAnswerProblems(answer, definition.response)
      : definition.method === 'PUT'
        ? deviceAnswerProblems(answer, mailDraftUploadProgress)
        : deviceAnswerProblems(answer, undefined, { download: true });
    if (request.expect && !request.expect.includes(answer.status)) problems.push(`status ${answer.status}, expected ${request.expect.join(' or ')}`);
    return problems.map((problem) => `${target.command.route} [${request.label}]: ${problem}`);
  }

  it('has a schema and a scenario for every command under /api/v1', () => {
    expect(registered.length).toBeGreaterThan(0);
    expect(registered.filter((command) => !command.definition).map((command) => command.route)).toEqual([]);
    expect(registered.filter((command) => !commandScenarios[command.route]).map((command) => command.route)).toEqual([]);
    expect(fuzzed.map((target) => target.command.route).sort()).toEqual(registered.map((command) => command.route).sort());
  });

  it(`answers valid requests and single mutations by the rule (${runs} runs per command, seed ${seed})`, async () => {
    for (const target of fuzzed) {
      const definition = target.command.definition!;
      if (isRawCommand(definition) && definition.method === 'PUT') {
        await fuzzUpload(target);
        continue;
      }
      if (isRawCommand(definition)) {
        await fuzzRaw(target);
        continue;
      }
      const own = ownSteps(target.command.route, target.alice);
      const sealed = sealedValues(own);
      const valid = jsonSchemaArbitrary(target.schema, { kinds: kindArbitraries(target.alice, sealed, requestValues(target)) });
      const mutations = schemaMutations(target.schema, (target.command.definition as { maxBodyBytes?: number }).maxBodyBytes);
      const request: fc.Arbitrary<FuzzRequest & { invalid?: true }> = fc.oneof(
        { weight: 2, arbitrary: valid.map((body) => ({ label: 'valid', body })) },
        // The scenario's own requests again: a search cursor opens only with its own query, which random valid bodies seldom repeat.
        { weight: 1, arbitrary: fc.constantFrom(...own.map((step) => step.body)).map((body) => ({ label: 'scenario', body })) },
        { weight: 3, arbitrary: fc.tuple(valid, fc.constantFrom(...mutations)).filter(([body, mutation]) => mutation.appliesTo?.(body) ?? true).map(([body, mutation]) => ({ label: mutation.label, body: mutation.apply(body), invalid: mutation.invalid })) },
      );
      await fc.assert(
        fc.asyncProperty(request, async (candidate) => {
          const problems = await send(target, candidate.invalid ? { ...candidate, expect: [400, 413] } : candidate);
          if (problems.length > 0) throw new Error(problems.join('\n'));
        }),
        { numRuns: runs, seed, endOnFailure: true },
      );
      const seen = statuses.get(target.command.route) ?? [];
      // Valid requests get through to Graph and back, and mutations are refused, both in good numbers.
      expect(seen.filter((status) => status === 200).length).toBeGreaterThan(runs / 20);
      expect(seen.filter((status) => status === 400).length).toBeGreaterThan(runs / 20);
    }
  }, 150_000);

  /** Raw mode: valid queries (the scenario's own, with Range headers) and single query mutations. */
  async function fuzzRaw(target: Fuzzed): Promise<void> {
    const own = ownSteps(target.command.route, target.alice).map((step) => step.body as Record<string, string>);
    const valid = validQueries(own, jsonSchemaArbitrary(target.schema, { kinds: kindArbitraries(target.alice, [], requestValues(target)) }));
    const mutations = queryMutations(target.schema);
    const request: fc.Arbitrary<FuzzRequest & { invalid?: true }> = fc.oneof(
      { weight: 2, arbitrary: valid },
      { weight: 3, arbitrary: fc.tuple(fc.constantFrom(...own), fc.constantFrom(...mutations)).map(([query, mutation]) => ({ label: mutation.label, query: mutation.apply(query), invalid: mutation.invalid })) },
    );
    await fc.assert(
      fc.asyncProperty(request, async (candidate) => {
        const problems = await send(target, candidate.invalid ? { ...candidate, expect: [400] } : candidate);
        if (problems.length > 0) throw new Error(problems.join('\n'));
      }),
      { numRuns: runs, seed, endOnFailure: true },
    );
    const seen = statuses.get(target.command.route) ?? [];
    expect(seen.filter((status) => status === 200 || status === 206).length).toBeGreaterThan(runs / 20);
    expect(seen.filter((status) => status === 400).length).toBeGreaterThan(runs / 20);
  }

  /** Raw PUT mode (an upload chunk): the scenario's chunk and single mutations of its headers and body (uploadRequests.ts). */
  async function fuzzUpload(target: Fuzzed): Promise<void> {
    const own = ownSteps(target.command.route, target.alice)[0]!.body as Record<string, string>;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...uploadRequests(own, seededBytes(seed))), async (request) => {
        const problems = await send(target, request);
        if (problems.length > 0) throw new Error(problems.join('\n'));
      }),
      { numRuns: runs, seed, endOnFailure: true },
    );
    const seen = statuses.get(target.command.route) ?? [];
    expect(seen.filter((status) => status === 201).length).toBeGreaterThan(runs / 40);
    expect(seen.filter((status) => status === 400).length).toBeGreaterThan(runs / 20);
  }

  it('answers the fixed seeds by the rule, with the status each seed settles', async () => {
    const problems: string[] = [];
    for (const target of fuzzed) {
      const definition = target.command.definition!;
      if (isRawCommand(definition) && definition.method === 'PUT') {
        const own = ownSteps(target.command.route, target.alice)[0]!.body as Record<string, string>;
        for (const request of uploadRequests(own, seededBytes(seed))) problems.push(...(await send(target, request)));
        continue;
      }
      if (isRawCommand(target.command.definition!)) {
        const valid = ownSteps(target.command.route, target.alice)[0]!.body as Record<string, string>;
        for (const request of rawSeeds(target.schema, valid, { evilOrigin: listener.origin, randomBytes: seededBytes(seed) })) problems.push(...(await send(target, request)));
        continue;
      }
      const own = ownSteps(target.command.route, target.alice);
      const states = (steps: ScenarioStep[]) => sealedValues(ownSteps(target.command.route, steps));
      const seeds = fuzzSeeds(target.schema, { valid: own[0]!.body, ownStates: states(target.alice), foreignStates: states(target.bob), evilOrigin: listener.origin, randomBytes: seededBytes(seed), ...((target.command.definition as { pending?: string }).pending === undefined ? {} : { unknownIdStatuses: [404, 202] }) });
      for (const request of seeds) problems.push(...(await send(target, request)));
    }
    expect(problems).toEqual([]);
  }, 60_000);

  it('answers unknown commands and paths under /api/v1 with 404 problem+json by the rule, any method', async () => {
    const problems: string[] = [];
    const paths = ['nope', 'folders/nope', 'folders/sync/extra', 'mail', 'mail/sync/..', 'mail%2Fsync', 'folders/%2e%2e/sync', `${encodeURIComponent(listener.origin)}`, 'a'.repeat(2000)];
    for (const unknown of paths) {
      for (const method of ['POST', 'GET', 'DELETE', 'PATCH']) {
        const answer = await rawDeviceCall(stack.hostUrl, unknown, { label: unknown, method, body: {} }, alice);
        const code = answer.status === 404 ? (JSON.parse(answer.text) as { code?: unknown }).code : undefined;
        if (answer.status !== 404 || code !== 'unknown_command') problems.push(`${method} ${unknown.slice(0, 40)}: ${answer.status} ${String(code)}`);
        problems.push(...deviceAnswerProblems(answer).map((problem) => `${method} ${unknown.slice(0, 40)}: ${problem}`));
      }
    }
    expect(problems).toEqual([]);
    const health = await fetch(`${stack.hostUrl}/api/health`);
    expect([health.status, health.headers.get('cache-control')]).toEqual([200, 'no-store']);
  });

  it('made only Graph requests the operation table allows, each id segment passing the id validator', () => {
    const recorded = requestRecorder.entries();
    expect(recorded.length).toBeGreaterThan(answers / 10);
    expect(graphRequestProblems(recorded)).toEqual([]);
    // Followed links stay on FERRY_GRAPH_URL's origin: every request reached the simulator on its own host.
    expect(new Set(recorded.map((request) => new URL(request.baseUrl).port))).toEqual(new Set([new URL(stack.sim.url).port]));
    // No absolute URL from input reached a path or query.
    expect(recorded.filter((request) => /:\/\/|evil|127\.0\.0\.1/.test(request.path + JSON.stringify(request.query)))).toEqual([]);
  });

  it('never called the loopback listener named in hostile ids and states', () => {
    expect(listener.hits).toEqual([]);
  });
});

/**
 * Real values for tagged fields (so valid requests reach Graph), mixed with well-formed strangers. The
 * values the command's own requests used get a share of their own: among many folders of a look-up,
 * the one a sealed state belongs to (mail/sync) or the few a command accepts (folders/empty) would be rare.
 */
function kindArbitraries(alice: ScenarioStep[], sealed: string[], requested: Record<'id' | 'folder', string[]>): Partial<Record<FerryKind, fc.Arbitrary<unknown>>> {
  const real = (kind: 'id' | 'folder', weight: number) => {
    const answered = [...new Set(alice.flatMap((step) => [...collectIds(step.answer.body, kind)]))].filter((id) => graphIdPattern.test(id));
    const asked = [...new Set(requested[kind])].filter((id) => graphIdPattern.test(id));
    return [answered, asked].filter((values) => values.length > 0).map((values) => ({ weight, arbitrary: fc.constantFrom(...values) }));
  };
  const randomId = fc.stringMatching(graphIdPattern);
  const ids = real('id', 2);
  const folders = real('folder', 3);
  const kinds: Partial<Record<FerryKind, fc.Arbitrary<unknown>>> = {
    id: ids.length > 0 ? fc.oneof(...ids, randomId) : randomId,
    folder: folders.length > 0 ? fc.oneof(...folders, fc.constant('inbox'), randomId) : randomId,
  };
  if (sealed.length > 0) kinds.state = kinds.cursor = fc.oneof(fc.constantFrom(...sealed), fc.base64String({ minLength: 4, maxLength: 200 }).filter((s) => s.length > 0));
  return kinds;
}

/** The sealed values a command's answers handed out: sync `state`s and search `cursor`s. */
function sealedValues(steps: ScenarioStep[]): string[] {
  return steps.flatMap((step) => [step.answer.body?.state, step.answer.body?.cursor]).filter((value): value is string => typeof value === 'string');
}

/**
 * Ids the command's own scenario requests sent in its tagged top-level fields (folders/empty's
 * `folderId`, whose answer names no folder), by kind.
 */
function requestValues(target: Fuzzed): Record<'id' | 'folder', string[]> {
  const found: Record<'id' | 'folder', string[]> = { id: [], folder: [] };
  const fields = schemaFields(target.schema).filter((field) => field.path.length === 1 && (field.kind === 'id' || field.kind === 'folder'));
  for (const step of ownSteps(target.command.route, target.alice)) {
    for (const field of fields) {
      const value = step.body[field.path[0]!];
      if (typeof value === 'string') found[field.kind as 'id' | 'folder'].push(value);
    }
  }
  return found;
}

/**
 * Ids of one kind in an answer: message ids (`upserts[].id` of a message, which has a `subject`), the
 * folder of a full message (mail/get), or folder ids (`upserts[].id` of a folder, a folder command's
 * `folder`); contact ids (`upserts[].id` of a contact, which has `emails`; a contact command's `contact`)
 * and a contact's `folderId`.
 */
function collectIds(body: unknown, kind: 'id' | 'folder'): Set<string> {
  const found = new Set<string>();
  const upserts = (body as { upserts?: Array<Record<string, unknown>>; message?: Record<string, unknown> } | undefined)?.upserts ?? [];
  const message = (body as { message?: Record<string, unknown> } | undefined)?.message;
  const folder = (body as { folder?: Record<string, unknown> } | undefined)?.folder;
  if (kind === 'folder' && typeof folder?.id === 'string') found.add(folder.id);
  // mail/draft answers name the draft it made.
  const draftId = (body as { draftId?: unknown } | undefined)?.draftId;
  if (kind === 'id' && typeof draftId === 'string') found.add(draftId);
  // contacts/create and contacts/update answer the contact with its folder.
  const contact = (body as { contact?: Record<string, unknown> } | undefined)?.contact;
  if (kind === 'id' && typeof contact?.id === 'string') found.add(contact.id);
  if (kind === 'folder' && typeof contact?.folderId === 'string') found.add(contact.folderId);
  // calendar/create answers the event it made.
  const event = (body as { event?: Record<string, unknown> } | undefined)?.event;
  if (kind === 'id' && typeof event?.id === 'string') found.add(event.id);
  for (const item of [...upserts, ...(message ? [message] : [])]) {
    const isMessage = typeof item.subject === 'string';
    // A contact of contacts/sync (it has `emails`): an item id, not a folder's.
    if (Array.isArray(item.emails)) {
      if (kind === 'id' && typeof item.id === 'string') found.add(item.id);
      continue;
    }
    if (kind === 'id' && isMessage && typeof item.id === 'string') found.add(item.id);
    if (kind === 'folder' && isMessage && typeof item.folderId === 'string') found.add(item.folderId);
    if (kind === 'folder' && !isMessage && typeof item.id === 'string') found.add(item.id);
  }
  return found;
}
