import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AUDIT_ACTION_LABELS, AUDIT_ENTITY_LABELS } from '@kzt/shared';
import { useTestApp } from '../../../test/testApp.ts';
import { demandBody, publishedAchievement, university } from '../../../test/catalogueFixtures.ts';
import { LISTING_EVENTS } from '../trading/trading.events.ts';

/** Issue 12: the audit log reads as Chinese (and English) to an official. */
const SRC = path.resolve(import.meta.dirname, '../..');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'migrations' ? [] : sourceFiles(p);
    return /\.ts$/.test(e.name) && !/\.test\.ts$/.test(e.name) ? [p] : [];
  });
}

/** What a template's placeholder can be, by its expression in the source. */
const PLACEHOLDERS: Record<string, readonly string[]> = {
  'kind.type': ['achievement', 'demand'],
  type: ['achievement', 'demand'],
  'attachment.recordType': ['achievement', 'demand'],
  "kind === 'achievements' ? 'achievement' : 'demand'": ['achievement', 'demand'],
  "input.kind === 'achievements' ? 'achievement' : 'demand'": ['achievement', 'demand'],
  "approve ? 'publish' : 'return'": ['publish', 'return'],
  'after.status': ['approved', 'declined', 'sent', 'failed'],
  event: LISTING_EVENTS,
};

/**
 * Every audit action code written in the server's source: the literals of
 * `action:` properties (ternaries included) and their templates expanded
 * with the values each placeholder takes.
 */
function actionCodes(): { codes: Set<string>; unknownTemplates: string[] } {
  const codes = new Set<string>();
  const unknownTemplates: string[] = [];
  for (const f of sourceFiles(SRC)) {
    const text = fs.readFileSync(f, 'utf8');
    // The expression of an `action:` property ends where the next property (or the object) begins.
    for (const m of text.matchAll(/\baction:\s*([\s\S]{0,300}?)(?=,\s*(?:[A-Za-z_]\w*\s*:|\.\.\.|\n)|\s*\}\s*[),;\n])/g)) {
      const expr = m[1]!;
      if (!/['`]/.test(expr)) continue;
      const templates = [...expr.matchAll(/`([^`]+)`/g)].map((x) => x[1]!);
      const rest = templates.reduce((s, tpl) => s.replace(`\`${tpl}\``, ''), expr);
      for (const q of rest.matchAll(/'([a-zA-Z]\w*(?:\.\w+)+)'/g)) codes.add(q[1]!);
      for (const tpl of templates) {
        let expansions = [''];
        for (const part of tpl.split(/(\$\{[^}]+\})/)) {
          const ph = part.match(/^\$\{(.+)\}$/)?.[1];
          const values = ph === undefined ? [part] : PLACEHOLDERS[ph.trim()];
          if (!values) {
            unknownTemplates.push(`${path.relative(SRC, f)}: ${tpl}`);
            expansions = [];
            break;
          }
          expansions = expansions.flatMap((e) => values.map((v) => e + v));
        }
        // `after.status` serves both access decisions and the outbox: keep the ones that make sense per prefix.
        for (const e of expansions) {
          if (/^outbox\.(approved|declined)$/.test(e) || /\.access\.(sent|failed)$/.test(e)) continue;
          codes.add(e);
        }
      }
    }
  }
  return { codes, unknownTemplates };
}

describe('audit labels', () => {
  it('has a Chinese and an English name for every action code the platform writes', () => {
    const { codes, unknownTemplates } = actionCodes();
    expect(unknownTemplates, 'a template action whose placeholder this test does not know: add it to PLACEHOLDERS').toEqual([]);
    expect(codes.size).toBeGreaterThan(80);
    for (const sample of ['achievement.publish', 'demand.return', 'listing.bid', 'organization.verify', 'user.login', 'jurisdiction.rules.update', 'outbox.sent', 'demand.access.declined'])
      expect(codes, sample).toContain(sample);
    const missing = [...codes].filter((c) => !AUDIT_ACTION_LABELS[c]?.zh || !AUDIT_ACTION_LABELS[c]?.en);
    expect(missing, 'audit action codes without a label in packages/shared/src/notices.ts').toEqual([]);
    for (const [code, l] of Object.entries(AUDIT_ACTION_LABELS)) {
      expect(l.zh, code).toMatch(/[\u4e00-\u9fff]/);
      expect(l.en, code).toMatch(/^[A-Z][\w\s/().,'-]+$/);
    }
  });

  it('names every kind of audited object', () => {
    const types = new Set<string>();
    for (const f of sourceFiles(SRC)) for (const m of fs.readFileSync(f, 'utf8').matchAll(/entityType: '(\w+)'/g)) types.add(m[1]!);
    expect([...types].filter((x) => !AUDIT_ENTITY_LABELS[x])).toEqual([]);
  });
});

const t = useTestApp();

describe('the audit log as an official reads it', () => {
  it('gives action names, object names with links, people and region names, in Chinese or English', async () => {
    const { owner, admin } = await university(t);
    const id = await publishedAchievement(t, owner, admin, { title: '审计可读性测试成果' });
    const res = await t.api('GET', `/api/audit?entityType=achievement&entityId=${id}`, { token: admin.token });
    expect(res.statusCode).toBe(200);
    const [published, submitted, created] = res.json().items;
    expect(published).toMatchObject({
      action: 'achievement.publish',
      actionLabel: '审核通过并发布科技成果',
      actor: { id: admin.id, name: admin.name },
      jurisdiction: { code: '140700', name: '晋中市' },
      entity: { type: 'achievement', typeLabel: '科技成果', id, name: '审计可读性测试成果', link: `/achievements/${id}` },
    });
    expect(published.organization.name).toMatch(/^测试单位/);
    expect(submitted.actionLabel).toBe('提交科技成果审核');
    expect(created.actor.name).toBe(owner.name);
    const en = (await t.api('GET', `/api/audit?entityType=achievement&entityId=${id}`, { token: admin.token, headers: { 'accept-language': 'en' } })).json().items[0];
    expect(en.actionLabel).toBe('Achievement approved and published');
    expect(en.entity.typeLabel).toBe('Achievement');
  });

  it('names a match by the demand and the achievement it pairs, never by its id', async () => {
    const { owner, admin } = await university(t);
    const achievementId = await publishedAchievement(t, owner, admin, { title: '审计匹配测试成果' });
    const firm = await t.factories.user({ name: '需求企业负责人' });
    await t.factories.organization(firm, { type: 'enterprise', jurisdictionCode: '140700' });
    const demand = await t.api('POST', '/api/demands', { token: firm.token, body: demandBody({ title: '审计匹配测试需求' }) });
    const demandId = demand.json().id as string;
    await t.api('POST', `/api/demands/${demandId}/submit`, { token: firm.token });
    expect((await t.api('POST', `/api/demands/${demandId}/review`, { token: admin.token, body: { decision: 'approve' } })).statusCode).toBe(200);
    const fb = await t.api('POST', '/api/match-feedback', { token: owner.token, body: { sourceType: 'achievement', sourceId: achievementId, targetId: demandId, verdict: 'interested' } });
    expect(fb.statusCode).toBe(200);
    const [event] = (await t.api('GET', `/api/audit?entityType=match&entityId=${fb.json().id}`, { token: admin.token })).json().items;
    expect(event.entity).toMatchObject({ type: 'match', typeLabel: '匹配结果', name: '审计匹配测试需求 ↔ 审计匹配测试成果' });
  });

  it('filters by region subtree and finds people by name, within the reader’s own jurisdiction', async () => {
    const { owner, admin } = await university(t);
    await publishedAchievement(t, owner, admin);
    const shanxi = await t.factories.admin('140000');
    const inShanxi = (await t.api('GET', '/api/audit?jurisdictionCode=140000&pageSize=100', { token: shanxi.token })).json().items as { jurisdiction: { code: string } | null }[];
    expect(inShanxi.length).toBeGreaterThan(0);
    expect(inShanxi.every((e) => e.jurisdiction?.code.startsWith('14'))).toBe(true);
    expect((await t.api('GET', '/api/audit?jurisdictionCode=999999', { token: shanxi.token })).statusCode).toBe(400);

    const people = (await t.api('GET', `/api/audit/people?q=${encodeURIComponent(owner.name)}`, { token: shanxi.token })).json().items as { id: string }[];
    expect(people.map((p) => p.id)).toContain(owner.id);
    const weihai = await t.factories.admin('371000');
    const foreign = (await t.api('GET', `/api/audit/people?q=${encodeURIComponent(owner.name)}`, { token: weihai.token })).json().items as { id: string }[];
    expect(foreign.map((p) => p.id)).not.toContain(owner.id);
    expect((await t.api('GET', '/api/audit/people?q=x', { token: owner.token })).statusCode).toBe(403);
  });
});
