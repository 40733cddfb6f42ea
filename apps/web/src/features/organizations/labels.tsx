import {
  MEMBER_ROLE_LABELS,
  ORGANIZATION_STATUS_LABELS,
  ORGANIZATION_TYPE_LABELS,
  ORGANIZATION_TYPES,
  type MemberRole,
  type OrganizationStatus,
  type OrganizationType,
} from '@kzt/shared';
import { CheckCircleOutlined, ClockCircleOutlined, CloseCircleOutlined } from '@ant-design/icons';
import { Tag } from 'antd';
import type { ReactNode } from 'react';
import { useI18n } from '../../i18n/index.tsx';

const STATUS_STYLE: Record<OrganizationStatus, { color: string; icon: ReactNode }> = {
  pending: { color: 'gold', icon: <ClockCircleOutlined /> },
  verified: { color: 'green', icon: <CheckCircleOutlined /> },
  rejected: { color: 'red', icon: <CloseCircleOutlined /> },
};

export function OrgStatusTag({ status }: { status: OrganizationStatus }) {
  const { label } = useI18n();
  const s = STATUS_STYLE[status];
  return (
    <Tag color={s?.color} icon={s?.icon} data-testid="org-status" data-status={status}>
      {label(ORGANIZATION_STATUS_LABELS[status], status)}
    </Tag>
  );
}

export function useOrgLabels() {
  const { label } = useI18n();
  return {
    type: (type: OrganizationType) => label(ORGANIZATION_TYPE_LABELS[type], type),
    role: (role: MemberRole) => label(MEMBER_ROLE_LABELS[role], role),
    status: (status: OrganizationStatus) => label(ORGANIZATION_STATUS_LABELS[status], status),
    typeOptions: ORGANIZATION_TYPES.map((v) => ({ value: v, label: label(ORGANIZATION_TYPE_LABELS[v]) })),
  };
}
