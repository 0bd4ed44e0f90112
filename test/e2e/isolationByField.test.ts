import { sealedFerryKinds } from '../../shared/protocol/schemas/ferryKind';
import { commandScenarios, ownSteps, type ScenarioStep } from '../helpers/commandScenarios';
import { assertNoMailboxContent, mailboxContentStrings } from '../helpers/mailboxContent';
import { registeredCommands, type RegisteredCommand } from '../helpers/registeredCommands';
import { startStack, type Stack } from '../helpers/startStack';
import { requestJsonSchema, schemaFields, type SchemaField } from '../fuzz/jsonSchema';
import { setAt } from '../fuzz/schemaMutations';

const others = ['bob@contoso.test', 'erin@fabrikam.test'];

interface Case {
  name: string;
  command: string;
  field: SchemaField;
  token: string;
  body: unknown;
}

/**
 * For every registered command and every request field its schema tags (`x-ferry-kind`: id, folder,
 * state, cursor, upload), alice's value used with bob's token (same tenant) or erin's (another tenant)
 * never returns alice's data: sealed values are 410 before any Graph call, ids 404. Two forms per field:
 * alice's whole request replayed with the other token, and the other user's own request with only that
 * field replaced. A field inside an array (bulk commands) may answer 2xx, with a per-item result, but
 * never an item of alice's. A new command joins by its schema tags and its scenario.
 */
describe('isolation of every tagged request field of every registered command', () => {
  let stack: Stack;
  let commands: RegisteredCommand[];
  const cases: Case[] = [];
  const missing: string[] = [];
  let aliceIds: Set<string>;

  beforeAll(async () => {
    stack = await startStack();
    commands = registeredCommands(stack.host);
    const tokens = Object.fromEntries(await Promise.all(['alice@contoso.test', ...others].map(async (upn) => [upn, await stack.token(upn)] as const)));
    const mailbox = stack.sim.state.mailbox('alice@contoso.test')!;
    const contacts = stack.sim.state.contacts('alice@contoso.test')!;
    const contactFolders = [contacts.defaultFolder(), ...contacts.folders()];
    aliceIds = new Set([
      ...mailbox.messages().map((m) => String(m.id)),
      ...mailbox.folders({ includeHidden: true }).map((f) => String(f.id)),
      ...contactFolders.map((f) => String(f.id)),
      ...contactFolders.flatMap((f) => contacts.contacts(String(f.id)).map((c) => String(c.id))),
    ]);
    for (const command of commands) {
      const scenario = commandScenarios[command.route];
      if (!command.definition || !scenario) continue;
      const alice = ownSteps(command.route, await scenario(stack, tokens['alice@contoso.test']!));
      for (const field of schemaFields(requestJsonSchema(command.definition.request)).filter((f) => f.kind !== undefined)) {
        // The first request that carries the field, so it carries no sealed value a later step added.
        const aliceStep = alice.find((s) => valueAt(s.body, field.path) !== undefined);
        if (!aliceStep) {
          missing.push(`${command.route} ${field.path.join('.')}`);
          continue;
        }
        const aliceValue = valueAt(aliceStep.body, field.path);
        for (const other of others) {
          const theirs: ScenarioStep[] = ownSteps(command.route, await scenario(stack, tokens[other]!));
          const label = `${command.route} ${field.path.join('.')} (${field.kind}) with ${other.split('@')[0]}'s token`;
          cases.push({ name: `${label}: alice's whole request`, command: command.route, field, token: tokens[other]!, body: aliceStep.body });
          cases.push({ name: `${label}: their request, alice's value`, command: command.route, field, token: tokens[other]!, body: setAt(theirs[0]!.body, field.path, aliceValue) });
        }
      }
    }
  });
  afterAll(() => stack.close());

  it('finds a scenario for every registered command and alice\'s value for every tagged field', () => {
    expect(commands.filter((c) => !c.definition || !commandScenarios[c.route]).map((c) => c.route)).toEqual([]);
    expect(missing).toEqual([]);
    // folders/sync state, mail/sync folderId and state, mail/get id, times two tokens, times two forms.
    expect(cases.length).toBeGreaterThanOrEqual(16);
  });

  it('never answers with alice\'s data: 410 for sealed values, 404 for ids', async () => {
    const aliceContent = mailboxContentStrings(stack.sim, ['alice@contoso.test']);
    const problems: string[] = [];
    for (const testCase of cases) {
      const before = stack.sim.state.stats.requests;
      const answer = await stack.call(testCase.command, testCase.body, testCase.token);
      const text = JSON.stringify(answer.body);
      const sealed = sealedFerryKinds.includes(testCase.field.kind!);
      const inBulk = testCase.field.path.includes('0');
      if (inBulk) {
        if (answer.status !== 200 && answer.status !== 404 && answer.status !== 410) problems.push(`${testCase.name}: status ${answer.status}`);
      } else if (sealed) {
        if (answer.status !== 410) problems.push(`${testCase.name}: status ${answer.status}, expected 410`);
        if (stack.sim.state.stats.requests !== before) problems.push(`${testCase.name}: asked Graph before refusing the sealed value`);
      } else if (answer.status !== 404) {
        problems.push(`${testCase.name}: status ${answer.status} ${String(answer.body?.code)}, expected 404`);
      }
      const sent = JSON.stringify(testCase.body);
      const leakedId = [...aliceIds].find((id) => text.includes(id) && !sent.includes(id));
      if (leakedId) problems.push(`${testCase.name}: the answer holds an id of alice's mailbox`);
      if (answer.status >= 400 && aliceContent.some((needle) => text.includes(needle))) problems.push(`${testCase.name}: the answer holds alice's mailbox content`);
    }
    expect(problems).toEqual([]);
  });

  it('the simulator answers alice\'s ids to bob as Graph does (ErrorInvalidMailboxItemId), and Ferry maps that to 404', async () => {
    const messageId = String(stack.sim.state.mailbox('alice@contoso.test')!.messages('inbox')[0]!.id);
    const graph = await stack.graph('GET', `/me/messages/${encodeURIComponent(messageId)}`, 'bob@contoso.test');
    expect([graph.status, graph.body.error.code]).toEqual([404, 'ErrorInvalidMailboxItemId']);
    const answer = await stack.call('mail/get', { id: messageId }, await stack.token('bob@contoso.test'));
    expect([answer.status, answer.body.code]).toEqual([404, 'not_found']);
  });

  it('leaves logs the closing search passes, and that search finds a planted JWT, Graph query string, token and sealed value', async () => {
    const token = await stack.token();
    const { body } = await stack.call('folders/sync', {}, token);
    expect(stack.secrets).toContain(token);
    expect(stack.secrets).toContain(body.state);
    expect(() => assertNoMailboxContent(stack.logs, stack.sim, stack.secrets)).not.toThrow();
    const plant = (value: string) => () => assertNoMailboxContent([...stack.logs, `{"event":"oops","x":${JSON.stringify(value)}}`], stack.sim, stack.secrets);
    expect(plant(`Bearer ${token}`)).toThrow(/JWT/);
    expect(plant('/v1.0/me/mailFolders/delta?$deltatoken=abc')).toThrow(/Graph query string/);
    expect(plant('?%24skiptoken=abc')).toThrow(/Graph query string/);
    expect(plant('$Filter=subject eq 1')).toThrow(/Graph query string/);
    expect(plant(body.state)).toThrow(/leak/);
    expect(plant(process.env.FERRY_STATE_KEYS!)).toThrow(/leak/);
  });
});

function valueAt(body: unknown, path: string[]): unknown {
  let node: unknown = body;
  for (const key of path) node = (node as Record<string, unknown> | undefined)?.[key];
  return node;
}
