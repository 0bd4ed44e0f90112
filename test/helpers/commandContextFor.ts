import { systemClock } from '../../shared/clock';
import { loadConfig } from '../../shared/config';
import type { GraphClient } from '../../shared/graph/graphRequest';
import { silentLogger, type Logger } from '../../shared/observability/logger';
import type { CommandContext } from '../../shared/runtime/commandContext';
import { createKeyRing } from '../../shared/state/keyRing';

const ring = createKeyRing([{ id: 'k1', key: Buffer.alloc(32, 7) }]);

/**
 * A command's context around a given Graph client, for tests that call a command's handler directly
 * (against the simulator, or a client that spoils its answers): alice as caller, default config, a
 * fixed state key, 20 s to the deadline.
 */
export function commandContextFor(graph: GraphClient, logger: Logger = silentLogger): CommandContext {
  return {
    requestId: 'r',
    caller: { tid: 't', oid: 'a11ce000-0000-4000-8000-0000000a11ce' } as CommandContext['caller'],
    config: loadConfig({}),
    clock: systemClock,
    logger,
    deadlineInMs: Date.now() + 20_000,
    graph,
    keyRing: async () => ring,
  };
}
