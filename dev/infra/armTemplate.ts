/**
 * The parts of a compiled ARM template (`bicep build` output) the infra policies read. Bicep emits
 * modules as `Microsoft.Resources/deployments` resources with the module's template inline
 * (`expressionEvaluationOptions.scope: 'inner'`), so a policy walks a tree of templates.
 */
export interface ArmParameter {
  type: string;
  defaultValue?: unknown;
  allowedValues?: unknown[];
  minValue?: number;
  maxValue?: number;
  minLength?: number;
  maxLength?: number;
  metadata?: Record<string, unknown>;
}

export interface ArmOutput {
  type: string;
  value?: unknown;
}

export interface ArmResource {
  type: string;
  apiVersion: string;
  name: string;
  existing?: boolean;
  [key: string]: unknown;
}

export interface ArmTemplate {
  $schema: string;
  languageVersion?: string;
  metadata?: Record<string, unknown>;
  parameters?: Record<string, ArmParameter>;
  variables?: Record<string, unknown>;
  /** An array, or an object keyed by symbolic name when `languageVersion` is 2.0. */
  resources: ArmResource[] | Record<string, ArmResource>;
  outputs?: Record<string, ArmOutput>;
}

/** One template of the tree: the root (`main`), or a module's inline template. */
export interface TemplateScope {
  template: ArmTemplate;
  /** `main`, `main/functionApp`, ...: where a violation is, for the message. */
  path: string;
  parent?: TemplateScope;
  /** The `Microsoft.Resources/deployments` resource in `parent` that holds this template. */
  deployment?: ArmResource;
}

export interface ScopedResource {
  resource: ArmResource;
  scope: TemplateScope;
}
