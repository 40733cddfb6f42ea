/**
 * Policy engine benchmark (issue 16): a year of 威海 and 晋中 — 100,000
 * registered contracts and 300,000 confirmed payments — computed in one run
 * by the same engine the server, the trial page and `npx kzt subsidies` use,
 * against one ledger (yearly caps, per-project caps carried across events).
 * Budget: ≤ 60 s and ≤ 1 GB. The events are generated with a fixed seed,
 * streamed (never all held at once), and each answer line is serialised as
 * the command would print it.
 *
 *   npm run bench:policy -- [--contracts 100000] [--payments 300000]
 */
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { computeEvent, MemoryLedger } from '../../apps/server/src/modules/policy/policy.engine.ts';
import { seededPacks } from '../../apps/server/src/modules/policy/policy.packs.ts';

const { values } = parseArgs({ options: { contracts: { type: 'string', default: '100000' }, payments: { type: 'string', default: '300000' } } });
const CONTRACTS = Number(values.contracts);
const PAYMENTS = Number(values.payments);

let state = 20260101;
const rand = () => {
  state = (state * 1103515245 + 12345) % 2147483648;
  return state / 2147483648;
};
const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
const day = (n: number) => new Date(Date.UTC(2025, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);

const PLACES = [
  { city: '371000', districts: ['371002', '371003', '371082', '371083'] },
  { city: '140700', districts: ['140702', '140703', '140721', '140781'] },
];
// Beneficiaries repeat (a few thousand firms, a few hundred universities), so yearly caps bite.
const FIRMS = 4000;
const UNIS = 300;
const KINDS = ['development', 'transfer', 'service', 'consulting'] as const;

type Contract = { id: string; city: string; kind: string; seller: { id: string; type: 'university' | 'institute' | 'enterprise'; region: string }; buyer: { id: string; type: 'enterprise'; region: string }; agency: { id: string; type: 'agency'; region: string } | null; amount: number; registeredDay: number };

function contract(i: number): Contract {
  const place = PLACES[i % 2]!;
  const sellerType = rand() < 0.7 ? (rand() < 0.8 ? 'university' : 'institute') : 'enterprise';
  return {
    id: `c${i}`,
    city: place.city,
    kind: pick(KINDS),
    seller: { id: `${place.city}-u${Math.floor(rand() * UNIS)}`, type: sellerType, region: pick(place.districts) },
    buyer: { id: `${place.city}-f${Math.floor(rand() * FIRMS)}`, type: 'enterprise', region: rand() < 0.85 ? pick(place.districts) : '110101' },
    agency: rand() < 0.3 ? { id: `${place.city}-a${Math.floor(rand() * 50)}`, type: 'agency', region: pick(place.districts) } : null,
    amount: Math.floor(50_000_00 + rand() * 5_000_000_00),
    registeredDay: Math.floor(rand() * 300),
  };
}

function* events(): Generator<unknown> {
  // Contracts registered through the year; each followed by its payments (3 on average) within the year.
  const perContract = PAYMENTS / CONTRACTS;
  let paid = 0;
  for (let i = 0; i < CONTRACTS; i++) {
    const c = contract(i);
    yield { id: `reg-${c.id}`, type: 'contract_registered', date: day(c.registeredDay), jurisdiction: c.city, contract: { id: c.id, kind: c.kind, contractAmount: c.amount, technologyAmount: c.amount }, seller: c.seller, buyer: c.buyer, agency: c.agency };
    const n = Math.min(PAYMENTS - paid, Math.round(perContract * (i + 1)) - paid);
    for (let k = 0; k < n; k++) {
      paid++;
      const d = Math.min(364, c.registeredDay + 1 + Math.floor(rand() * (364 - c.registeredDay)));
      yield { id: `pay-${c.id}-${k}`, type: 'contract_payment', date: day(d), jurisdiction: c.city, contract: { id: c.id, kind: c.kind }, seller: c.seller, buyer: c.buyer, agency: c.agency, amount: Math.floor(c.amount / n) };
    }
  }
}

const packs = seededPacks();
const ledger = new MemoryLedger();
let peakRss = 0;
const sample = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);
const started = performance.now();
let count = 0;
let granted = 0;
let amount = 0;
let refusals = 0;
let bytes = 0;
let capped = 0;
for (const e of events()) {
  const c = computeEvent(e, { packs, ledger });
  if (c.error) throw new Error(c.error);
  count++;
  granted += c.line.entitlements.length;
  refusals += c.line.refusals.length;
  for (const x of c.line.entitlements) {
    amount += x.amount;
    if (x.cap) capped++;
  }
  bytes += JSON.stringify(c.line).length + 1;
}
const seconds = (performance.now() - started) / 1000;
clearInterval(sample);
peakRss = Math.max(peakRss, process.memoryUsage().rss);
const result = {
  events: count,
  contracts: CONTRACTS,
  payments: PAYMENTS,
  entitlements: granted,
  cappedEntitlements: capped,
  refusals,
  totalYuan: Math.round(amount / 100),
  outputMB: +(bytes / 1e6).toFixed(1),
  seconds: +seconds.toFixed(1),
  peakRssMB: Math.round(peakRss / 1e6),
  eventsPerSecond: Math.round(count / seconds),
  node: process.version,
};
console.log(JSON.stringify(result));
if (seconds > 60 || peakRss > 1e9) {
  console.error('over budget (60 s, 1 GB)');
  process.exitCode = 1;
}
