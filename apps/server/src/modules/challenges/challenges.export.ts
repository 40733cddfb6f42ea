import { shanghaiToday, type ChallengeDto } from '@kzt/shared';
import { addSheet, newWorkbook, yuanCell } from '../../platform/workbook.ts';
import type { ChallengeListRow } from './challenges.repository.ts';

/**
 * The challenges' Excel exports, in Chinese, amounts in 元. A challenge's
 * workbook is written from the detail the caller already sees (its DTO), so
 * it holds nothing the page would not show them.
 */

const SCHEME: Record<string, string> = { jiebang_guashuai: '揭榜挂帅', two_way: '双向揭榜', racing: '赛马制', bounty: '悬赏', crowdsourcing: '研发众包' };
const STATUS: Record<string, string> = { pending_review: '待审核', rejected: '未通过', published: '揭榜中', notice: '中标公示中', awarded: '已评定', completed: '已完成', terminated: '已终止' };
const MILESTONE: Record<string, string> = { pending: '进行中', reported: '待验收', accepted: '已验收', returned: '已退回', overdue: '已逾期', stopped: '已停止' };
const OUTCOME: Record<string, string> = { pending: '评审中', won: '中标', not_chosen: '未中标', failed_check: '未通过形式审查', terminated: '榜单终止', ended: '阶段评审未保留' };
const CHECK: Record<string, string> = { pending: '待形式审查', passed: '通过', failed: '未通过' };

const SHANGHAI = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false });
/** An instant as Asia/Shanghai date and time (YYYY-MM-DD HH:mm); empty when absent. */
const when = (v: Date | string | null | undefined) => (v == null ? '' : SHANGHAI.format(new Date(v)).replace(/\//g, '-'));
const percent = (share: number) => `${Math.round(share * 10_000) / 100}%`;

/** A board row's winners and what was paid on it (bounty payments), by challenge id. */
export type BoardOutcome = { winners: { name: string; budget: number }[]; paid: number };

/** 榜单一览: one row per challenge, with its winners, the amounts awarded and (bounties) paid. */
export async function boardWorkbook(rows: ChallengeListRow[], outcomes: Map<string, BoardOutcome>, scope: string) {
  const wb = newWorkbook();
  addSheet(
    wb,
    '榜单一览',
    [
      { header: '序号', width: 6 },
      { header: '榜单名称', width: 36 },
      { header: '类型', width: 10 },
      { header: '状态', width: 10 },
      { header: '受理区划', width: 12 },
      { header: '发榜单位', width: 28 },
      { header: '榜单金额（元）', width: 16, money: true },
      { header: '揭榜截止', width: 17 },
      { header: '揭榜数', width: 8 },
      { header: '中标方', width: 32 },
      { header: '中标金额合计（元）', width: 18, money: true },
      { header: '悬赏金已支付（元）', width: 18, money: true },
      { header: '发布时间', width: 17 },
    ],
    rows.map((c, i) => {
      const o = outcomes.get(c.id) ?? { winners: [], paid: 0 };
      return [
        i + 1,
        c.title,
        SCHEME[c.scheme] ?? c.scheme,
        STATUS[c.status] ?? c.status,
        c.jurisdictionName,
        c.organizationName ?? '',
        yuanCell(c.bountyFen),
        when(c.deadline),
        c.bidCount,
        o.winners.map((w) => w.name).join('、'),
        o.winners.length ? yuanCell(o.winners.reduce((s, w) => s + w.budget, 0)) : null,
        c.scheme === 'bounty' && o.winners.length ? yuanCell(o.paid) : null,
        when(c.publishedAt),
      ];
    }),
  );
  addSheet(wb, '说明', [{ header: '项目', width: 16 }, { header: '内容', width: 80 }], [
    ['范围', scope],
    ['条数', rows.length],
    ['导出日期', shanghaiToday()],
    ['金额', '单位：元；中标金额为中标方案的经费预算'],
  ]);
  return wb;
}

/** One challenge: its terms, the bids with their scores as the caller may see them, the milestones and (bounty) the payments. */
export async function challengeWorkbook(c: ChallengeDto) {
  const wb = newWorkbook();
  addSheet(wb, '榜单概况', [{ header: '项目', width: 16 }, { header: '内容', width: 80 }], [
    ['榜单名称', c.title],
    ['类型', SCHEME[c.scheme] ?? c.scheme],
    ['状态', STATUS[c.status] ?? c.status],
    ['发榜单位', c.organization?.name ?? ''],
    ['受理区划', c.jurisdiction.name],
    ['榜单金额（元）', yuanCell(c.bounty)],
    ['揭榜截止', when(c.deadline)],
    ['揭榜数', c.bidCount],
    ['评分标准', c.criteria.map((k) => `${k.name} ${percent(k.weight)}`).join('；')],
    ['中标方', c.winners.map((w) => `${w.organization.name}（${(w.budget / 100).toFixed(2)} 元）`).join('、')],
    ['评定时间', when(c.awardedAt)],
    ['导出日期', shanghaiToday()],
  ]);
  addSheet(
    wb,
    '揭榜方案与评分',
    [
      { header: '揭榜单位', width: 28 },
      { header: '经费预算（元）', width: 16, money: true },
      { header: '形式审查', width: 12 },
      { header: '结果', width: 14 },
      { header: '结果说明', width: 36 },
      { header: '已评专家', width: 10 },
      { header: '截尾平均分', width: 12 },
      { header: '最低分', width: 9 },
      { header: '最高分', width: 9 },
      { header: '提交时间', width: 17 },
    ],
    c.bids.map((b) => [
      b.organization.name,
      yuanCell(b.budget),
      CHECK[b.check.status] ?? b.check.status,
      OUTCOME[b.outcome.status] ?? b.outcome.status,
      b.outcome.reason ?? b.check.reason ?? '',
      b.result ? `${b.result.scored}/${b.result.experts}` : '',
      b.result?.mean ?? null,
      b.result?.spread?.min ?? null,
      b.result?.spread?.max ?? null,
      when(b.createdAt),
    ]),
  );
  const scored = c.bids.flatMap((b) => (b.scores ?? []).map((x) => ({ b, x })));
  if (scored.length)
    addSheet(
      wb,
      '专家评分明细',
      [{ header: '揭榜单位', width: 28 }, { header: '专家', width: 12 }, ...c.criteria.map((k) => ({ header: `${k.name}（${percent(k.weight)}）`, width: 16 })), { header: '加权分', width: 10 }, { header: '意见', width: 40 }],
      scored.map(({ b, x }) => [b.organization.name, x.expert, ...c.criteria.map((k) => x.scores[k.key] ?? null), x.weighted, x.comment]),
    );
  addSheet(
    wb,
    '里程碑',
    [
      { header: '团队', width: 28 },
      { header: '序号', width: 6 },
      { header: '里程碑', width: 28 },
      { header: '完成日期', width: 12 },
      { header: '比例', width: 8 },
      { header: '金额（元）', width: 16, money: true },
      { header: '状态', width: 10 },
      { header: '报告时间', width: 17 },
      { header: '验收/退回时间', width: 17 },
      { header: '意见', width: 36 },
    ],
    c.milestones.map((m) => [m.organization.name, m.n, m.title, m.dueOn, percent(m.share), yuanCell(m.amount), MILESTONE[m.status] ?? m.status, when(m.reportedAt), when(m.decidedAt), m.decisionNote ?? '']),
  );
  if (c.scheme === 'bounty')
    addSheet(
      wb,
      '悬赏金支付',
      [
        { header: '团队', width: 28 },
        { header: '中标金额（元）', width: 16, money: true },
        { header: '支付金额（元）', width: 16, money: true },
        { header: '支付日期', width: 12 },
        { header: '支付凭证', width: 28 },
        { header: '说明', width: 30 },
        { header: '记录人', width: 12 },
        { header: '记录时间', width: 17 },
      ],
      c.payments.flatMap((p) =>
        p.records.length
          ? p.records.map((r) => [p.organization.name, yuanCell(p.committed), yuanCell(r.amount), r.paidOn, r.reference, r.note, r.recordedBy, when(r.recordedAt)])
          : [[p.organization.name, yuanCell(p.committed), null, '', '', '尚未记录支付', '', '']],
      ),
    );
  return wb;
}
