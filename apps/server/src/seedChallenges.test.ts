import { describe, expect, it } from 'vitest';
import { useTestApp } from '../test/testApp.ts';

// The demo data, challenges included, seeded as `npm start` seeds it.
const t = useTestApp({ seed: 'demo' });

describe('the demo challenge board', () => {
  it('shows challenges open for bids in the five regions, one awarded in 威海 with a milestone accepted, and one awaiting review in 晋中', async () => {
    const board = (await t.api('GET', '/api/challenges?pageSize=50')).json().items as { id: string; jurisdiction: { code: string }; status: string; biddingOpen: boolean; scheme: string }[];
    expect(new Set(board.filter((c) => c.biddingOpen).map((c) => c.jurisdiction.code))).toEqual(new Set(['140700', '140000', '610000', '210100']));
    const weihai = board.find((c) => c.jurisdiction.code === '371000')!;
    expect(weihai).toMatchObject({ status: 'awarded', scheme: 'two_way' });
    const detail = (await t.api('GET', `/api/challenges/${weihai.id}`)).json();
    expect(detail.winners).toHaveLength(1);
    const login = (await t.api('POST', '/api/auth/login', { body: { login: 'tto@whhy.demo', password: 'Demo@2026' } })).json();
    const team = (await t.api('GET', `/api/challenges/${weihai.id}`, { token: login.token })).json();
    expect(team.milestones.map((m: { status: string }) => m.status)).toEqual(['accepted', 'pending', 'pending']);
    const admin = (await t.api('POST', '/api/auth/login', { body: { login: 'jinzhong.admin@kzt.demo', password: 'Demo@2026' } })).json();
    expect((await t.api('GET', '/api/challenges?scope=review&status=pending_review', { token: admin.token })).json().total).toBe(1);
    // A closed one waits for the expert's scores.
    const closed = board.find((c) => c.jurisdiction.code === '140700' && c.status === 'published' && !c.biddingOpen)!;
    const expert = (await t.api('POST', '/api/auth/login', { body: { login: 'expert@kzt.demo', password: 'Demo@2026' } })).json();
    const scoring = (await t.api('GET', `/api/challenges/${closed.id}`, { token: expert.token })).json();
    expect(scoring.allowedActions).toContain('score');
    expect(scoring.bids.map((b: { allowedActions: string[] }) => b.allowedActions)).toEqual([['score'], ['score']]);
  });
});
