/** The names of the permitted actions in a policy result, for `allowedActions` in responses. */
export function allowed(policy: Record<string, boolean>): string[] {
  return Object.entries(policy)
    .filter(([, v]) => v)
    .map(([k]) => k);
}
