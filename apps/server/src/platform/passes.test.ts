import { describe, expect, it } from 'vitest';
import { serialPasses } from './passes.ts';

describe('serialPasses', () => {
  it('lets a caller that arrives during a pass wait for a pass that starts after it, shared with the others who wait', async () => {
    const started: number[] = [];
    let release: (() => void)[] = [];
    const run = serialPasses(() => {
      started.push(started.length);
      return new Promise<void>((r) => release.push(r));
    });
    const first = run();
    const second = run();
    const third = run();
    expect(started).toEqual([0]);
    release.shift()!();
    await first;
    await new Promise((r) => setImmediate(r));
    // The two who came during the first pass share the second; it began only after the first ended.
    expect(started).toEqual([0, 1]);
    expect(second).toBe(third);
    release.shift()!();
    await second;
    expect(started).toEqual([0, 1]);
    release = [];
  });

  it('fails only the callers of a failed pass, and the next call runs again', async () => {
    let fail = true;
    let calls = 0;
    const run = serialPasses(async () => {
      calls++;
      if (fail) throw new Error('database down');
    });
    await expect(run()).rejects.toThrow('database down');
    fail = false;
    await expect(run()).resolves.toBeUndefined();
    expect(calls).toBe(2);
  });
});
