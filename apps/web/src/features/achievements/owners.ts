import type { Me } from '../auth/api.ts';

/** Organisation types that register achievements (mirrors the server). */
export const ACHIEVEMENT_OWNER_TYPES = ['university', 'institute', 'rnd_institution', 'enterprise', 'agency'];
/** Any organisation may post a demand; a common problem comes from an enterprise or a government body. */
export const DEMAND_OWNER_TYPES = ['enterprise', 'university', 'institute', 'rnd_institution', 'agency', 'finance', 'government'];
export const COMMON_PROBLEM_TYPES = ['enterprise', 'government'];

export const achievementOrgs = (me: Me | null) => (me?.organizations ?? []).filter((o) => ACHIEVEMENT_OWNER_TYPES.includes(o.type));
export const demandOrgs = (me: Me | null) => (me?.organizations ?? []).filter((o) => DEMAND_OWNER_TYPES.includes(o.type));
export const canRegisterAchievement = (me: Me | null) => achievementOrgs(me).length > 0;
export const canPostDemand = (me: Me | null) => demandOrgs(me).length > 0;
