import { describe, expect, it } from 'vitest';
import { shanghaiToday } from '@kzt/shared';
import { useTestApp } from '../test/testApp.ts';
import { deliverEvents } from '../test/registration.ts';

// The demo data as `npm start` seeds it: a year of registered contracts behind the officials' pages.
const t = useTestApp({ seed: 'demo' });
const login = async (email: string) => (await t.api('POST', '/api/auth/login', { body: { login: email, password: 'Demo@2026' } })).json().token as string;

describe('the demo contract history', () => {
  it('gives each region’s officials a year of registered contracts by month, flows out of and into the region, and subsidies that follow from them', async () => {
    await deliverEvents(t);
    const today = shanghaiToday();
    const from = `${Number(today.slice(0, 4)) - 1}-01-01`;
    const shanxi = await login('shanxi.admin@kzt.demo');
    const stats = await t.api('GET', `/api/stats?jurisdiction=140000&from=${from}&to=${today}&by=month`, { token: shanxi });
    expect(stats.statusCode, stats.body).toBe(200);
    const body = stats.json();
    expect(body.figures.contracts.count).toBeGreaterThanOrEqual(8);
    // Registered month after month, not all on the day the demo was seeded.
    const months = (body.series as { figures: { contracts: { count: number } } }[]).filter((s) => s.figures.contracts.count > 0);
    expect(months.length).toBeGreaterThanOrEqual(6);
    // Some went out of 山西 and some stayed.
    expect(body.figures.output.count).toBeGreaterThan(0);
    expect(body.figures.localAbsorbed.count).toBeGreaterThan(0);

    // Registered on their own dates, each at the point of the seller's region, with numbers of their own years.
    const list = (await t.api('GET', '/api/contracts?scope=jurisdiction&status=registered&pageSize=100', { token: shanxi })).json();
    const numbers = (list.items as { registrationNumber: string }[]).map((c) => c.registrationNumber);
    expect(new Set(numbers).size).toBe(numbers.length);
    expect(new Set(numbers.map((x) => x.slice(0, 4))).size).toBeGreaterThanOrEqual(2);

    // 晋中 000-13: 晋中农林大学's contracts used in 晋中 wait for it to apply; 威海 004-4: payments bring the buyer's and seller's shares.
    const jzny = (await t.api('GET', '/api/entitlements?pageSize=100', { token: await login('tto@jzny.demo') })).json();
    expect(jzny.total).toBeGreaterThan(0);
    const weihai = (await t.api('GET', '/api/entitlements?pageSize=100', { token: await login('weihai.admin@kzt.demo') })).json();
    expect((weihai.items as { rule: { id: string } | string }[]).length).toBeGreaterThan(0);
  });
});
