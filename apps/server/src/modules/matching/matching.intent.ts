import { queryTokens } from '../../platform/search.ts';
import { normalizeText } from '../../platform/text.ts';

/**
 * A model of what a demand wants. Companies write demands as a few
 * sentences: who they are (成立于…、主营…), what hurts (…成本高、…不稳定) and
 * what they want (需要…、希望实现…、提高…). Only the last two say which
 * technology would help, so each sentence is weighed by its role, and the
 * text's cues tell the stage the company is at (wants something to put into
 * production, or a partner to develop with).
 */

export type SentenceRole = 'goal' | 'problem' | 'background' | 'plain';

const BACKGROUND =
  /(成立于|创建于|始建于|注册资本|注册地|位于|坐落|地处|主营|主要从事|主要生产|主导产品|是一家|系一家|现有员工|员工\d|职工|占地|厂房|年产值|年销售|年营业|销售额|营业收入|高新技术企业|专精特新|上市公司|荣获|获评|通过.{0,8}认证|公司简介|企业简介|经营范围)/;
/** Words that ask for something: they make a sentence a goal even beside a background cue. */
const ASK = /(需要|需求|希望|寻求|寻找|急需|亟需|(?<![模虚比])拟(?!合)|想要|期望|计划|征集|引进|委托)/;
/** Words of an aim; they also occur in the names of products and projects (…的研制、…优化设计), so a background cue in the same clause outweighs them. */
const AIM = /(目标|要求|合作开发|联合攻关|实现|研制|开发出|突破|攻克|替代|国产化|提高|提升|降低|减少|改进|优化|改善|增强|延长)/;
const PROBLEM = /(难题|瓶颈|问题|不足|缺乏|缺少|无法|不能|难以|不稳定|效率低|成本高|能耗高|污染|卡脖子|依赖进口|短板|故障|损耗|良率)/;
/**
 * The words of a sentence that only asks for a partner (希望与高校合作解决上述问题):
 * it names no technology, so it is read as 'plain' however much it asks.
 */
const PARTNER_ONLY = new Set(
  '希望 寻求 寻找 需要 诚邀 邀请 现 拟 愿 愿意 与 同 和 或 及 向 请 能 能够 可 帮助 帮 我们 我司 我公司 本公司 公司 企业 高校 大学 科研院所 院所 研究所 科研 机构 科研机构 研究 团队 专家 教授 合作 合作伙伴 伙伴 开展 进行 共同 一起 产学研 对接 联系 支持 技术支持 指导 服务 解决 攻关 上述 以上 前述 这些 这个 该 此 问题 难题 技术 相关 方面'.split(' '),
);

/**
 * Splits a text into sentences at Chinese and Latin sentence ends, semicolons
 * and line breaks; a '.' right after a Chinese character ends a sentence too
 * (texts pasted from papers use it for '。'), a '.' between digits does not,
 * nor a full-width '．' between digits (０．５ｍｍ is a number, not two sentences).
 */
export function sentences(text: string): string[] {
  return text
    .split(/(?<=[。！？!?；;\n])|(?<=(?<!\p{Nd})．)|(?<=．)(?!\p{Nd})|(?<=\.)\s|(?<=[\p{Script=Han}）)]\.)(?=\S)/u)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** A clause (between commas): a background cue describes the clause it is in, unless the clause asks for something. */
function clauseRole(c: string): SentenceRole {
  const ask = ASK.test(c);
  if (BACKGROUND.test(c) && !ask) return 'background';
  if (ask || AIM.test(c)) return 'goal';
  if (PROBLEM.test(c)) return 'problem';
  return 'plain';
}

/**
 * A sentence's role: a short one that only asks for a partner is 'plain';
 * otherwise the strongest role of its clauses (goal, problem, background),
 * so 「主营…的研制及应用等产品」 stays background while 「主营液压件，需要…」 is a goal.
 */
export function sentenceRole(sentence: string): SentenceRole {
  const s = normalizeText(sentence);
  if (s.length <= 40) {
    const tokens = queryTokens(s);
    if (tokens.length && tokens.every((t) => PARTNER_ONLY.has(t))) return 'plain';
  }
  const roles = s
    .split(/[，,：:]/)
    .filter((c) => c.trim())
    .map(clauseRole);
  if (roles.includes('goal')) return 'goal';
  if (roles.includes('problem')) return 'problem';
  if (roles.includes('background')) return 'background';
  return 'plain';
}

/** How much a sentence of each role counts in the query, relative to the title and keywords (1). */
export const ROLE_WEIGHT: Record<SentenceRole, number> = { goal: 0.6, problem: 0.45, plain: 0.3, background: 0.05 };

/** The description split by role, for the query and for the reasons shown to people. */
export function describeIntent(description: string) {
  return sentences(description).map((text) => ({ text, role: sentenceRole(text) }));
}

/**
 * The maturity range (TRL 1–9) a demand is after, from its words and its
 * cooperation modes; null when it says nothing — also when what it says is
 * that any stage will do (联合攻关、合作开发, or joint development as its
 * only mode): a range of 1–9 rules nothing out, and shown as 期望成熟度 1–9 级
 * or as 符合需求所处阶段（1–9 级）beside every record it reads as something
 * the demand asked for. Demands have no maturity field of their own.
 */
export function wantedMaturity(text: string, modes: readonly string[]): { min: number; max: number } | null {
  const s = normalizeText(text);
  if (/(量产|批量生产|规模化|产业化|直接应用|成熟技术|成熟的|即可投产|投产|上线)/.test(s)) return { min: 7, max: 9 };
  if (/(中试|样机|试制|工程化|示范)/.test(s)) return { min: 5, max: 8 };
  // Developing together from any stage: no range (and the modes do not narrow what the words opened).
  if (/(联合攻关|合作开发|联合研发|前沿|探索|预研|基础研究)/.test(s)) return null;
  const buys = modes.some((m) => m === 'transfer' || m === 'licence' || m === 'use_first_pay_later');
  const develops = modes.includes('joint_development');
  if (buys && !develops) return { min: 6, max: 9 };
  return null;
}
