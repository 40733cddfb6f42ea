import fs from 'node:fs';
import readline from 'node:readline';
import { computeEvent, MemoryLedger } from '../modules/policy/policy.engine.ts';
import { seededPacks } from '../modules/policy/policy.packs.ts';
import type { SubsidyLine } from '@kzt/shared';

/**
 * `kzt subsidies --events EVENTS.jsonl`: the policy engine without a database.
 * Events are read in file order and computed against a fresh ledger with the
 * seeded packs; one JSON line per event goes to `out`
 * (`{event, entitlements, refusals}`). A line that is not JSON, or an event
 * that is not valid (unknown type, a bad field, a day not on the calendar),
 * is reported on stderr with its file and line number and answered with a
 * line of one refusal (rule `event`), so the output lines pair one for one
 * with the input's event lines. Blank lines are no events and are skipped.
 */
export async function subsidies(opts: { events: string; out: NodeJS.WritableStream; report: (message: string) => void }): Promise<{ events: number; bad: number }> {
  const packs = seededPacks();
  const ledger = new MemoryLedger();
  const lines = readline.createInterface({ input: fs.createReadStream(opts.events, 'utf8'), crlfDelay: Infinity });
  let n = 0;
  let events = 0;
  let bad = 0;
  let buffer: string[] = [];
  const flush = async () => {
    if (buffer.length === 0) return;
    const chunk = buffer.join('');
    buffer = [];
    if (!opts.out.write(chunk)) await new Promise<void>((resolve) => opts.out.once('drain', () => resolve()));
  };
  for await (const raw of lines) {
    n++;
    const text = raw.trim();
    if (text === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (err) {
      value = undefined;
      bad++;
      const reason = `不是有效的 JSON（${(err as Error).message}），未计算 / not valid JSON, not computed`;
      opts.report(`${opts.events}:${n}: ${reason}`);
      // The event's id where the broken line still shows it, so the answer can be matched by id as well as by place.
      const id = /"id"\s*:\s*"((?:[^"\\]|\\.)*)"/.exec(text)?.[1] ?? '';
      buffer.push(JSON.stringify({ event: id, entitlements: [], refusals: [{ rule: 'event', reason }] } satisfies SubsidyLine) + '\n');
    }
    if (value !== undefined) {
      const computed = computeEvent(value, { packs, ledger });
      if (computed.error) {
        bad++;
        opts.report(`${opts.events}:${n}: ${computed.error}`);
      }
      buffer.push(JSON.stringify(computed.line) + '\n');
    }
    events++;
    if (buffer.length >= 1000) await flush();
  }
  await flush();
  return { events, bad };
}
