import type { InfraInputs } from './infraInputs';

/**
 * One rule the deployment must keep (issue "Deploy to Azure"). `check` returns the violations as
 * sentences naming where they are; none means the policy holds. Every policy has at least one
 * fixture under test/infra/fixtures/policies/ that must make it fail, so none can silently rot.
 */
export interface InfraPolicy {
  id: string;
  /** What holds, in one line. */
  title: string;
  check(inputs: InfraInputs): string[];
}
