import { parseArgs } from 'node:util';
import { matchBatch } from './matchBatch.ts';
import { subsidies } from './subsidies.ts';

const USAGE = `用法 Usage:
  npx kzt match-batch --achievements A.jsonl --demands D.jsonl [--top 10] [--out F.jsonl] [--lang zh|en] [--threads N]
    用匹配引擎（无需数据库）为每条需求找出最匹配的成果，每条需求输出一行 JSON。
    Matches every demand against the achievements with the platform's engine (no database); one JSON line per demand.
    --threads：参与匹配的 CPU 核数，默认全部 / cores to match on, all by default.
  npx kzt subsidies --events EVENTS.jsonl
    按文件顺序用预置的政策条款包（无需数据库）计算每个事件的奖补，每个事件输出一行 JSON：{event, entitlements, refusals}。
    Computes each event's subsidies in file order with the seeded rule packs (no database); one JSON line per event.
    不是 JSON 或无效的行也输出一行（refusals 说明原因），输出行与输入的事件行一一对应；空行跳过。
    A line that is not JSON or not a valid event is answered by a line with the reason, so output lines pair with input lines; blank lines are skipped.
`;

/** The `kzt` command; returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === 'subsidies') return subsidiesCommand(rest);
  if (command !== 'match-batch') {
    process.stderr.write(command && command !== '--help' && command !== '-h' ? `未知命令：${command}\n\n${USAGE}` : USAGE);
    return command && command !== '--help' && command !== '-h' ? 2 : 0;
  }
  let values;
  try {
    ({ values } = parseArgs({
      args: rest,
      options: { achievements: { type: 'string' }, demands: { type: 'string' }, top: { type: 'string', default: '10' }, out: { type: 'string' }, lang: { type: 'string', default: 'zh' }, threads: { type: 'string' } },
    }));
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const top = Number(values.top);
  if (!values.achievements || !values.demands || !Number.isInteger(top) || top < 1 || top > 1000) {
    process.stderr.write(`需要 --achievements 与 --demands，--top 为 1–1000 的整数。\n\n${USAGE}`);
    return 2;
  }
  const threads = values.threads === undefined ? undefined : Number(values.threads);
  if (threads !== undefined && (!Number.isInteger(threads) || threads < 1 || threads > 16)) {
    process.stderr.write(`--threads 为 1–16 的整数。\n\n${USAGE}`);
    return 2;
  }
  try {
    const started = Date.now();
    const { achievements, demands } = await matchBatch({ achievements: values.achievements, demands: values.demands, top, out: values.out, lang: values.lang === 'en' ? 'en' : 'zh', threads });
    process.stderr.write(`已匹配 ${demands} 条需求（成果 ${achievements} 条），用时 ${((Date.now() - started) / 1000).toFixed(1)} 秒\n`);
    return 0;
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n`);
    return 1;
  }
}

async function subsidiesCommand(args: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({ args, options: { events: { type: 'string' } } }));
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (!values.events) {
    process.stderr.write(`需要 --events（事件 JSON Lines 文件）。\n\n${USAGE}`);
    return 2;
  }
  try {
    const started = Date.now();
    const { events, bad } = await subsidies({ events: values.events, out: process.stdout, report: (m) => process.stderr.write(`${m}\n`) });
    process.stderr.write(`已计算 ${events} 个事件（有误 ${bad} 行），用时 ${((Date.now() - started) / 1000).toFixed(1)} 秒\n`);
    return 0;
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n`);
    return 1;
  }
}
