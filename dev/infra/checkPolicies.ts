import { applyPolicyFixture, type PolicyFixture } from './applyPolicyFixture';
import type { InfraInputs } from './infraInputs';
import type { InfraPolicy } from './infraPolicy';

export interface PolicyReport {
  /** Violations of the real inputs, by policy id (empty arrays for policies that hold). */
  violations: Record<string, string[]>;
  /** Fixture problems: a policy without fixture, a fixture its policy lets pass, a fixture that no longer applies. */
  fixtureProblems: string[];
  fixturesRun: number;
}

/**
 * Checks the inputs against every policy, then proves each policy can fail: every one must have a
 * fixture, and every fixture must make its policy report a violation.
 */
export function checkPolicies(
  inputs: InfraInputs,
  policies: readonly InfraPolicy[],
  fixtures: Array<{ file: string; fixture: PolicyFixture }>,
): PolicyReport {
  const violations = Object.fromEntries(policies.map((policy) => [policy.id, policy.check(inputs)]));
  const fixtureProblems: string[] = [];
  for (const policy of policies) {
    if (!fixtures.some(({ fixture }) => fixture.policy === policy.id)) fixtureProblems.push(`policy ${policy.id} has no fixture that must fail it`);
  }
  let fixturesRun = 0;
  for (const { file, fixture } of fixtures) {
    const policy = policies.find((p) => p.id === fixture.policy);
    if (!policy) {
      fixtureProblems.push(`${file}: unknown policy ${fixture.policy}`);
      continue;
    }
    try {
      fixturesRun += 1;
      if (policy.check(applyPolicyFixture(inputs, fixture)).length === 0) {
        fixtureProblems.push(`${file}: policy ${policy.id} lets "${fixture.description}" pass`);
      }
    } catch (error) {
      fixtureProblems.push(`${file}: ${(error as Error).message}`);
    }
  }
  return { violations, fixtureProblems, fixturesRun };
}
