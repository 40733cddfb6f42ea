import {
  contractDistributionsDto,
  distributionContractParams,
  distributionOrganizationParams,
  distributionPlanBody,
  distributionPlanDto,
  distributionProposalDto,
  distributionProposalQuery,
  distributionStatementDto,
  equityTaxBody,
  equityTaxDto,
  governmentExitBody,
  governmentExitDto, fileResponse } from '@kzt/shared';
import { signedIn } from '../../platform/http.ts';
import { langOf } from '../../platform/i18n.ts';
import type { App, Deps } from '../../platform/types.ts';
import { sendWorkbook, XLSX_MIME } from '../../platform/workbook.ts';
import { distributionsWorkbook } from './distributions.export.ts';
import { catchUpContract } from './distributions.handlers.ts';
import {
  computeEquityTransferTax,
  computeGovernmentExit,
  getContractDistributions,
  myStatement,
  organizationDistributions,
  planDistribution,
  proposeDistribution,
} from './distributions.service.ts';

const tags = ['收益分配 Income distribution'];

/** Routes of 收益分配 (issue 15): plans per received payment, floors, calculators, statements and the unit's export. */
export function distributionRoutes(app: App, { db }: Deps) {
  app.get(
    '/api/contracts/:id/distributions',
    { schema: { tags, summary: '合同的到账款项、收益分配方案与适用的法定下限（转让方单位成员与辖区管理员）', params: distributionContractParams, response: { 200: contractDistributionsDto } } },
    async (req) => {
      const { actor } = signedIn(req);
      await catchUpContract(db, req.params.id);
      return getContractDistributions(db, actor, req.params.id);
    },
  );
  app.get(
    '/api/contracts/:id/distributions/proposal',
    { schema: { tags, summary: '按成果完成人及其份额拟定分配方案（转让方单位负责人）', params: distributionContractParams, querystring: distributionProposalQuery, response: { 200: distributionProposalDto } } },
    async (req) => {
      const { actor } = signedIn(req);
      await catchUpContract(db, req.params.id);
      return proposeDistribution(db, actor, req.params.id, req.query, langOf(req.headers['accept-language']));
    },
  );
  app.post(
    '/api/contracts/:id/distributions',
    { schema: { tags, summary: '提交一笔到账款项的收益分配方案（合计须等于净收入，且不低于法定下限）', params: distributionContractParams, body: distributionPlanBody, response: { 201: distributionPlanDto } } },
    async (req, reply) => {
      const ctx = signedIn(req);
      await catchUpContract(db, req.params.id);
      return reply.code(201).send(await planDistribution(db, ctx, req.params.id, req.body));
    },
  );
  app.post(
    '/api/distributions/government-exit',
    { schema: { tags, summary: '政府投资退出金额：本金 + 同期银行利率利息（单利，实际天数/365），增值部分归成果所有人', body: governmentExitBody, response: { 200: governmentExitDto } } },
    async (req) => {
      signedIn(req);
      return computeGovernmentExit(req.body);
    },
  );
  app.post(
    '/api/distributions/equity-tax-estimate',
    { schema: { tags, summary: '股权转让个人所得税估算：（收入 − 股权取得成本 − 合理税费）× 20%', body: equityTaxBody, response: { 200: equityTaxDto } } },
    async (req) => {
      signedIn(req);
      return computeEquityTransferTax(req.body);
    },
  );
  app.get('/api/distributions/statement', { schema: { tags, summary: '我的收益明细：各合同、各年度的分配份额', response: { 200: distributionStatementDto } } }, async (req) =>
    myStatement(db, signedIn(req).actor),
  );
  app.get('/api/organizations/:id/distributions.xlsx', { schema: { tags, summary: '导出本单位的收益分配（Excel，单位负责人）', params: distributionOrganizationParams, response: { 200: fileResponse('Excel 工作簿', XLSX_MIME) } } }, async (req, reply) => {
    const data = await organizationDistributions(db, signedIn(req).actor, req.params.id);
    return sendWorkbook(reply, `${data.organizationName}-收益分配.xlsx`, distributionsWorkbook(data));
  });
}
