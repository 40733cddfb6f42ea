import { multipartFile, tinyPdf } from './matrix/attachments.rows.ts';
import type { TestApp } from './testApp.ts';

/**
 * The seller's side attaches the signed contract (a tiny PDF) to a draft or returned contract, as it must before the
 * desk registers it. `token` is a member of the seller (or its agency); answers the contract as it is now.
 */
export async function attachSignedContract(t: TestApp, token: string, contractId: string, fileName = '技术合同（签章版）.pdf') {
  const { body, headers } = multipartFile(fileName, tinyPdf(`contract ${contractId}`));
  const res = await t.api('POST', `/api/contracts/${contractId}/documents`, { token, body, headers });
  if (res.statusCode !== 201) throw new Error(`attaching the signed contract failed: ${res.statusCode} ${res.body}`);
  return res.json();
}
