/**
 * The oldest Node.js major Ferry runs on: package.json `engines.node` is `>=` this
 * (test/unit/repository/nodeVersion.test.ts keeps the two equal). Below it Ferry is not just slower:
 * Node 20's Intl.Segmenter answers `containing()` in time proportional to the whole text, so a
 * crafted 4 MB body took half a minute to cut (issue #24).
 */
export const minimumNodeMajor = 22;

/**
 * Why Ferry must not start on Node `version` (`process.version`, e.g. `v20.11.1`), as one clear
 * sentence for a person; undefined when it may.
 */
export function nodeVersionRefusal(version: string): string | undefined {
  const major = Number(/^v?(\d+)\./.exec(version)?.[1]);
  if (Number.isInteger(major) && major >= minimumNodeMajor) return undefined;
  return `Ferry needs Node.js ${minimumNodeMajor} or later (package.json engines.node ">=${minimumNodeMajor}"); this is Node.js ${version}. Install Node.js ${minimumNodeMajor} and start again.`;
}

/** Throws the refusal when this process's Node is too old: the first thing every entry point does. */
export function assertSupportedNode(version: string = process.version): void {
  const refusal = nodeVersionRefusal(version);
  if (refusal) throw new Error(refusal);
}
