/** The names of the permitted actions in a policy result, for `allowedActions` in responses (typed by the policy's keys). */
export function allowed<P extends Record<string, boolean>>(policy: P): Extract<keyof P, string>[] {
  return (Object.keys(policy) as Extract<keyof P, string>[]).filter((k) => policy[k]);
}
