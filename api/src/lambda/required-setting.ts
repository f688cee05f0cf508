/**
 * A setting the CDK passes to every function that needs it: missing, the deployment is broken,
 * and the function says which variable at its first invocation rather than failing obscurely.
 */
export function requiredSetting(value: string | undefined, name: string): string {
  if (!value) throw new Error(`${name} is not set: this function needs it (see infra/lib)`);
  return value;
}
