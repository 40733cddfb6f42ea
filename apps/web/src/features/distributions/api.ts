import type { ContractDistributionsDto, DistributionPlanBody, DistributionPlanDto, DistributionProposalDto, DistributionStatementDto, EquityTaxDto, GovernmentExitDto, Wire } from '@kzt/shared';
import { get, post } from '../../api/client.ts';

/** 收益分配: amounts are integer fen (JSON dates arrive as ISO strings: Wire). */
export type ContractDistributions = Wire<ContractDistributionsDto>;
export type DistributionPlan = Wire<DistributionPlanDto>;
export type DistributionProposal = Wire<DistributionProposalDto>;
export type Statement = Wire<DistributionStatementDto>;

export const getContractDistributions = (contractId: string, signal?: AbortSignal) => get<ContractDistributions>(`/api/contracts/${contractId}/distributions`, undefined, signal);

export const getProposal = (contractId: string, q: { paymentId: string; basis?: string; costs?: number }) =>
  get<DistributionProposal>(`/api/contracts/${contractId}/distributions/proposal`, { paymentId: q.paymentId, basis: q.basis, costs: q.costs });

export const filePlan = (contractId: string, body: DistributionPlanBody) => post<DistributionPlan>(`/api/contracts/${contractId}/distributions`, body);

export const getStatement = (signal?: AbortSignal) => get<Statement>('/api/distributions/statement', undefined, signal);

export const computeGovernmentExit = (body: { principal: number; rateBp: number; investedOn: string; exitOn: string; valueAtExit?: number | null }) =>
  post<Wire<GovernmentExitDto>>('/api/distributions/government-exit', body);

export const estimateEquityTax = (body: { income: number; technologyCost?: number; cashCost?: number; fees?: number }) => post<Wire<EquityTaxDto>>('/api/distributions/equity-tax-estimate', body);

/** The unit's Excel export (a plain download). */
export const exportUrl = (organizationId: string) => `/api/organizations/${organizationId}/distributions.xlsx`;
