/** The pseudo parameters an environment-agnostic template leaves open, fixed for assertions. */
const PSEUDO: Record<string, string> = {
  'AWS::Partition': 'aws',
  'AWS::Region': 'eu-west-1',
  'AWS::AccountId': '123456789012',
  'AWS::URLSuffix': 'amazonaws.com',
};

/**
 * A CloudFormation value as one string, to compare ARNs and URIs: `Fn::Join` joined, pseudo
 * parameters filled in, and references to resources written `{Ref:Id}` / `{Id.Attr}`.
 */
export function render(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (value && typeof value === 'object') {
    const v = value as Record<string, unknown>;
    if ('Fn::Join' in v) {
      const [sep, parts] = v['Fn::Join'] as [string, unknown[]];
      return parts.map(render).join(sep);
    }
    if ('Ref' in v) return PSEUDO[v.Ref as string] ?? `{Ref:${String(v.Ref)}}`;
    if ('Fn::GetAtt' in v) return `{${(v['Fn::GetAtt'] as string[]).join('.')}}`;
    if ('Fn::ImportValue' in v) return `{Import:${render(v['Fn::ImportValue'])}}`;
  }
  return JSON.stringify(value);
}

/** A policy statement's `Action` or `Resource` as a list. */
export function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [value];
}

export interface Statement {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
  Condition?: Record<string, Record<string, unknown>>;
}
