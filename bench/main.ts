import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { benchUsage, parseBenchOptions, type BenchOptions } from './benchOptions';
import { summarizeInbox } from './corpus/benchCorpus';
import { buildResults } from './report/benchResults';
import { renderBreakdowns, renderCorpus, renderPrinted, renderTargets } from './report/renderReport';
import { row, type Row } from './report/rows';
import { createBenchContext, type BenchContext } from './scenarios/benchContext';
import { bulkFlag } from './scenarios/bulkFlag';
import { calendarSync } from './scenarios/calendarSync';
import { firstScreen } from './scenarios/firstScreen';
import { foldersSync } from './scenarios/foldersSync';
import { hostileBodiesScenario } from './scenarios/hostileBodies';
import { incrementalSync } from './scenarios/incrementalSync';
import { demoInbox, initialSync, loopbackSync } from './scenarios/initialSync';
import { leanSync } from './scenarios/leanSync';
import { lostAnswer } from './scenarios/lostAnswer';
import { mailSearch } from './scenarios/mailSearch';
import { download } from './scenarios/download';
import { upload } from './scenarios/upload';
import { coldStart } from './scenarios/coldStart';
import { translationCpu } from './scenarios/translationCpu';
import { relayMemory } from './scenarios/relayMemory';
import { load } from './scenarios/load';
import { runningCost } from './scenarios/runningCost';
import { launch } from './scenarios/launch';
import type { Breakdown, Scenario } from './scenarios/scenario';
import { benchFolderSpec, benchMailboxSpecs, demoUser } from './stack/benchMailboxes';
import { startBenchStack, type BenchStack } from './stack/startBenchStack';

/** In the order they run; `--only` picks some. */
const scenarios: Scenario[] = [initialSync, leanSync, firstScreen, incrementalSync, demoInbox, bulkFlag, loopbackSync, lostAnswer, foldersSync, mailSearch, download, hostileBodiesScenario, calendarSync, upload, coldStart, translationCpu, relayMemory, load, runningCost, launch];

/** This scenarios, build and start included, on 2 cores at the default parameters. */
const totalBudgetInSeconds = 290;

const out = (line = '') => process.stdout.write(`${line}\n`);
const progress = (line: string) => process.stderr.write(`${line}\n`);

/**
 * `npm run bench`: builds (the npm script), starts its own stack on free ports, runs the scenarios,
 * stops everything it started, prints the corpus and the table, writes results.json. Exit 0 whenever
 * the bench ran; with `--strict`, 1 when a target was missed; 2 on bad flags or a stack that would not start.
 */
async function main(): Promise<number> {
  let options: BenchOptions;
  try {
    options = parseBenchOptions(process.argv.slice(2));
  } catch (error) {
    progress(`${error instanceof Error ? error.message : String(error)}\n${benchUsage}`);
    return 2;
  }
  out(`Ferry bench: device link ${options.rttInMs} ms RTT, ${options.rateInMbitPerSecond} Mbit/s, 16 KB bucket; Ferry->Graph ${options.regionRttInMs} ms RTT; Graph service time ${options.graphLatencyInMs} ms; ${options.repeats} repeat(s); seed ${options.seed}`);
  const corpus = { benchFolder: summarizeInbox(benchFolderSpec(options.seed, options.messages)), demoInbox: summarizeInbox(benchMailboxSpecs(options.seed, options.messages).find((s) => s.user === demoUser)!) };
  out(renderCorpus(`bench folder (seed ${options.seed})`, corpus.benchFolder));
  out(renderCorpus("demo inbox (alice, as npm start seeds it)", corpus.demoInbox));
  out();

  let stack: BenchStack | undefined;
  let context: BenchContext | undefined;
  const stopAll = async () => {
    context?.close();
    context = undefined;
    const running = stack;
    stack = undefined;
    await running?.stop();
  };
  let interrupted = false;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      interrupted = true;
      progress(`bench: ${signal}, stopping the stack`);
      void stopAll().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
    });
  }

  const rows: Row[] = [];
  const breakdowns: Breakdown[] = [];
  try {
    const stackStarted = performance.now();
    stack = await startBenchStack(options);
    context = createBenchContext(options, stack, progress);
    progress(`bench: stack up in ${((performance.now() - stackStarted) / 1000).toFixed(1)} s: host ${stack.hostUrl}, graph ${stack.graphUrl}, idp ${stack.idpUrl} (logs in ${options.logDir})`);
    for (const scenario of scenarios.filter((s) => options.only.includes(s.name))) {
      if (interrupted) break;
      progress(`bench: ${scenario.name}: ${scenario.title}`);
      const scenarioStarted = performance.now();
      try {
        const result = await scenario.run(context);
        rows.push(...result.rows);
        breakdowns.push(...result.breakdowns);
      } catch (error) {
        if (interrupted) break;
        progress(`bench: ${scenario.name} failed: ${error instanceof Error ? error.message : String(error)}`);
        rows.push(row(`${scenario.name}.completed`, [], 0));
      }
      rows.push(row(`${scenario.name}.seconds`, [(performance.now() - scenarioStarted) / 1000], scenario.budgetInSeconds, 's'));
    }
  } catch (error) {
    progress(`bench: ${error instanceof Error ? error.message : String(error)}`);
    await stopAll();
    return 2;
  }
  await stopAll();
  if (interrupted) return new Promise<number>(() => undefined); // the signal handler exits
  // `npm run bench` notes when it began, before the build; run directly, the bench counts from its own start.
  const begunAt = Number(process.env.FERRY_BENCH_STARTED_AT) || Date.now() - process.uptime() * 1000;
  const secondsTotal = (Date.now() - begunAt) / 1000;
  rows.push(row('total.seconds', [secondsTotal], totalBudgetInSeconds, 's'));

  const targets = rows.filter((r) => r.target !== null);
  out(renderTargets(targets));
  out();
  out('printed without a target:');
  out(renderPrinted(rows.filter((r) => r.target === null)));
  if (breakdowns.length > 0) {
    out();
    out(renderBreakdowns(breakdowns));
  }
  const results = buildResults(options, corpus, rows, secondsTotal);
  mkdirSync(path.dirname(path.resolve(options.out)), { recursive: true });
  writeFileSync(options.out, `${JSON.stringify(results, null, 2)}\n`);
  out();
  out(`${targets.length} targets in ${secondsTotal.toFixed(1)} s; results in ${options.out}`);
  return options.strict && targets.some((r) => r.verdict === 'MISS') ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    progress(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(2);
  },
);
