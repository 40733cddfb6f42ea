import fs from 'node:fs';
import readline from 'node:readline';
import { computeEvent, MemoryLedger } from '../modules/policy/policy.engine.ts';
import { seededPacks } from '../modules/policy/policy.packs.ts';

/**
 * `kzt subsidies --events EVENTS.jsonl`: the policy engine without a database.
 * Events are read in file order and computed against a fresh ledger with the
 * seeded packs; one JSON line per event goes to `out`
 * (`{event, entitlements, refusals}`). A line that is not JSON is reported on
 * stderr with its file and line number and skipped; an event that is not
 * valid (unknown type, a bad field) is reported the same way and answered
 * with a refusal line, so each event keeps its place.
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
      bad++;
      opts.report(`${opts.events}:${n}: 不是有效的 JSON（${(err as Error).message}），已跳过 / not valid JSON, skipped`);
      continue;
    }
    const computed = computeEvent(value, { packs, ledger });
    if (computed.error) {
      bad++;
      opts.report(`${opts.events}:${n}: ${computed.error}`);
    }
    events++;
    buffer.push(JSON.stringify(computed.line) + '\n');
    if (buffer.length >= 1000) await flush();
  }
  await flush();
  return { events, bad };
}
