import { policyRule, type PolicyRule } from '@kzt/shared';
import { describe, expect, it } from 'vitest';
import { seededPacks } from '../src/modules/policy/policy.packs.ts';
import { diffRules, fenToYuanText, formFieldOf, formToRule, ruleToForm, yuanTextToFen, type RuleFormValues } from '../../web/src/features/policy/ruleForm.ts';

/**
 * The version editor's form of a rule (web features/policy/ruleForm.ts): an
 * official edits rates in % and money in 元; what the form does not show
 * rides along, so publishing through the form never loses or changes a rule.
 */
const seededRules: PolicyRule[] = seededPacks().flatMap((p) => p.rules);
const roundTrip = (r: PolicyRule) => formToRule(ruleToForm(r));

describe('rule ⇄ form', () => {
  it('every seeded rule comes back from its form exactly, every field kept (selector, fixed amounts, grade share, pool term …)', () => {
    expect(seededRules.length).toBeGreaterThanOrEqual(27);
    for (const r of seededRules) {
      const { rule, problems } = roundTrip(r);
      expect(problems, r.id).toEqual([]);
      // What the server stores (its strict schema: an extra or lost field would show here).
      expect(policyRule.parse(rule), r.id).toEqual(r);
      // Nothing the form does not show is dropped before the server sees it.
      for (const k of Object.keys(r) as (keyof PolicyRule)[]) {
        const v = r[k];
        const empty = v === undefined || (typeof v === 'object' && v !== null && Object.keys(v).length === 0);
        if (!empty) expect(rule[k], `${r.id}.${k}`).toEqual(v);
      }
    }
  });

  it('a field the form does not know rides along in the advanced part, for the server to refuse by name rather than lose it', () => {
    const r = seededRules.findLast((x) => x.id === 'jz-20-agency-evaluation')!;
    const form = ruleToForm(r);
    const rest = JSON.parse(form.rest) as Record<string, unknown>;
    expect(rest).toMatchObject({ selector: { evaluationScheme: ['city'] }, gradeShare: { maxBp: 3000 }, conditions: { grades: ['excellent', 'good'], agencyInPool: true } });
    const typo = formToRule({ ...form, rest: JSON.stringify({ ...rest, yearlyCaps: 100 }) }).rule;
    expect(typo['yearlyCaps']).toBe(100);
    const refused = policyRule.safeParse(typo);
    expect(refused.success).toBe(false);
    expect(formFieldOf(refused.error!.issues[0]!.path.join('.') || 'yearlyCaps')).toBe('rest');
    // Conditions shown in the form and those kept in the advanced part are merged, neither lost.
    const merged = formToRule({ ...form, beneficiaryTypes: ['agency', 'institute'] }).rule['conditions'];
    expect(merged).toEqual({ beneficiaryTypes: ['agency', 'institute'], grades: ['excellent', 'good'], agencyInPool: true });
  });

  it('rates in % and amounts in 元 are the rule’s basis points and fen exactly', () => {
    const r = seededRules.findLast((x) => x.id === 'jz-13-university-output')!;
    const form = ruleToForm({ ...r, rateBp: 1234, itemCap: 150_000_001, yearlyCap: 5, totalCap: 10 });
    expect(form).toMatchObject({ ratePct: '12.34', itemCapYuan: '1500000.01', yearlyCapYuan: '0.05', totalCapYuan: '0.1' });
    const edited: RuleFormValues = { ...form, ratePct: '０．０１', itemCapYuan: '1,500,000.10', yearlyCapYuan: '300000', totalCapYuan: '' };
    const { rule, problems } = formToRule(edited);
    expect(problems).toEqual([]);
    expect(rule).toMatchObject({ rateBp: 1, itemCap: 150_000_010, yearlyCap: 30_000_000 });
    expect('totalCap' in rule).toBe(false);
    expect(policyRule.parse({ ...r, rateBp: 1500 }).rateBp).toBe(1500);
    for (const bp of [0, 1, 7, 10, 99, 333, 1500, 9999, 10_000]) expect(formToRule({ ...form, ratePct: ruleToForm({ ...r, rateBp: bp }).ratePct }).rule['rateBp']).toBe(bp);
    for (const fen of [0, 1, 9, 10, 99, 100, 101, 110, 123_456_789]) expect(yuanTextToFen(fenToYuanText(fen))).toBe(fen);
  });

  it('what the form cannot read is refused at its field, never rounded or clamped', () => {
    const form = ruleToForm(seededRules.findLast((x) => x.id === 'jz-13-university-output')!);
    const problems = formToRule({ ...form, ratePct: '15.005', itemCapYuan: '1.005', yearlyCapYuan: '十万', totalCapYuan: '1e6', rest: '[1]' }).problems;
    expect(problems).toEqual(
      expect.arrayContaining([
        { field: 'ratePct', key: 'pol.ed.badPct' },
        { field: 'itemCapYuan', key: 'pol.ed.badYuan' },
        { field: 'yearlyCapYuan', key: 'pol.ed.badYuan' },
        { field: 'totalCapYuan', key: 'pol.ed.badYuan' },
        { field: 'rest', key: 'pol.ed.badRest' },
      ]),
    );
    expect(problems).toHaveLength(5);
    expect(formToRule({ ...form, ratePct: '' }).problems).toEqual([{ field: 'ratePct', key: 'pol.ed.badPct' }]);
    expect(formToRule({ ...form, rest: '{not json' }).problems).toEqual([{ field: 'rest', key: 'pol.ed.badRest' }]);
    // A rate or a condition the form shows, typed again in the other parameters, would override the form unseen: refused there.
    expect(formToRule({ ...form, rest: '{"rateBp": 10000}' }).problems).toEqual([{ field: 'rest', key: 'pol.ed.restShadows' }]);
    expect(formToRule({ ...form, rest: '{"conditions": {"localRoles": []}}' }).problems).toEqual([{ field: 'rest', key: 'pol.ed.restShadows' }]);
    // A sign is kept for the server to refuse at the field (a cap below zero, a rate above 100%), not dropped into another amount.
    const signed = formToRule({ ...form, ratePct: '-1', itemCapYuan: '-5', yearlyCapYuan: '100.5' });
    expect(signed.problems).toEqual([]);
    expect(signed.rule).toMatchObject({ rateBp: -100, itemCap: -500, yearlyCap: 10_050 });
    const refused = policyRule.safeParse(formToRule({ ...form, ratePct: '100.01', itemCapYuan: '-5' }).rule);
    expect(refused.error!.issues.map((i) => formFieldOf(i.path.join('.'))).sort()).toEqual(['itemCapYuan', 'ratePct']);
  });

  it('the server’s field paths land on the form’s fields', () => {
    expect(formFieldOf('rateBp')).toBe('ratePct');
    expect(formFieldOf('yearlyCap')).toBe('yearlyCapYuan');
    expect(formFieldOf('source.quote')).toBe('sourceQuote');
    expect(formFieldOf('source.item')).toBe('sourceItem');
    expect(formFieldOf('conditions.localRoles.0')).toBe('localRoles');
    expect(formFieldOf('conditions.grades.0')).toBe('rest');
    expect(formFieldOf('gradeShare.maxBp')).toBe('rest');
    expect(formFieldOf('budgetLine')).toBe('budgetLine');
  });

  it('the changes before publishing name each field changed, in % and 元', () => {
    const r = seededRules.findLast((x) => x.id === 'jz-13-university-output')!;
    const next = formToRule({ ...ruleToForm(r), ratePct: '12', itemCapYuan: '1000000' }).rule;
    expect(diffRules([r], [next]).changed).toEqual([
      {
        id: r.id,
        title: r.title,
        changes: expect.arrayContaining([
          { field: 'rateBp', before: '15%', after: '12%' },
          { field: 'itemCap', before: expect.stringContaining('1,500,000'), after: expect.stringContaining('1,000,000') },
        ]),
      },
    ]);
    expect(diffRules([r], [roundTrip(r).rule])).toEqual({ added: [], removed: [], changed: [] });
  });
});
