export const ORGANIZATION_TYPES = [
  'enterprise',
  'university',
  'institute',
  'rnd_institution',
  'agency',
  'finance',
  'government',
] as const;
export type OrganizationType = (typeof ORGANIZATION_TYPES)[number];

export const ORGANIZATION_TYPE_LABELS: Record<OrganizationType, { zh: string; en: string }> = {
  enterprise: { zh: '企业', en: 'Enterprise' },
  university: { zh: '高校', en: 'University' },
  institute: { zh: '科研院所', en: 'Research institute' },
  rnd_institution: { zh: '新型研发机构', en: 'New R&D institution' },
  agency: { zh: '技术转移服务机构', en: 'Technology transfer agency' },
  finance: { zh: '金融/投资机构', en: 'Finance / investment' },
  government: { zh: '政府部门', en: 'Government' },
};

export const ORGANIZATION_STATUSES = ['pending', 'verified', 'rejected'] as const;
export type OrganizationStatus = (typeof ORGANIZATION_STATUSES)[number];
export const ORGANIZATION_STATUS_LABELS: Record<OrganizationStatus, { zh: string; en: string }> = {
  pending: { zh: '待审核', en: 'Pending' },
  verified: { zh: '已认证', en: 'Verified' },
  rejected: { zh: '未通过', en: 'Rejected' },
};

export const MEMBER_ROLES = ['owner', 'member'] as const;
export type MemberRole = (typeof MEMBER_ROLES)[number];
export const MEMBER_ROLE_LABELS: Record<MemberRole, { zh: string; en: string }> = {
  owner: { zh: '负责人', en: 'Owner' },
  member: { zh: '成员', en: 'Member' },
};

export const PROFILE_KINDS = ['researcher', 'broker', 'expert'] as const;
export type ProfileKind = (typeof PROFILE_KINDS)[number];
export const PROFILE_KIND_LABELS: Record<ProfileKind, { zh: string; en: string }> = {
  researcher: { zh: '科研人员', en: 'Researcher' },
  broker: { zh: '技术经纪人', en: 'Technology broker' },
  expert: { zh: '评审专家', en: 'Expert' },
};

export const JURISDICTION_LEVELS = ['province', 'city', 'county'] as const;
export type JurisdictionLevel = (typeof JURISDICTION_LEVELS)[number];

export const INVITATION_STATUSES = ['pending', 'accepted', 'declined', 'revoked'] as const;
export type InvitationStatus = (typeof INVITATION_STATUSES)[number];

/** Organisation transitions: a pending organisation is approved or rejected; a rejected one may re-apply. */
export const VERIFY_DECISIONS = ['approve', 'reject'] as const;
export type VerifyDecision = (typeof VERIFY_DECISIONS)[number];
