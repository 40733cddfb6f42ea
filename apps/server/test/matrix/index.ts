import type { Row } from './types.ts';
import { importRows } from './imports.rows.ts';
import { attachmentRows } from './attachments.rows.ts';
import { demandListRows } from './demandLists.rows.ts';
import { matchingRows } from './matching.rows.ts';
import { pushRows } from './push.rows.ts';
import { matchReviewsRows } from './matchReviews.rows.ts';
import { matchBatchesRows } from './matchBatches.rows.ts';
import { tradingRows } from './trading.rows.ts';
import { operationsRows } from './operations.rows.ts';
import { accountRows } from './accounts.rows.ts';
import { engageRows } from './engage.rows.ts';
import { profilesRows } from './profiles.rows.ts';
import { portalRows } from './portal.rows.ts';
import { noticesRows } from './notices.rows.ts';
import { statisticsRows } from './statistics.rows.ts';
import { distributionsRows } from './distributions.rows.ts';
import { policyRows } from './policy.rows.ts';
import { challengeRows } from './challenges.rows.ts';
import { challengeTaskRows } from './challengeTasks.rows.ts';
import { contractsRows } from './contracts.rows.ts';
import { regionsRows } from './regions.rows.ts';

/** Rows that modules keep beside the matrix; add a module's file here, one line each. */
export const extraRows: Row[] = [
  ...importRows,
  ...attachmentRows,
  ...demandListRows,
  ...matchingRows,
  ...pushRows,
  ...matchReviewsRows,
  ...matchBatchesRows,
  ...tradingRows,
  ...operationsRows,
  ...accountRows,
  ...engageRows,
  ...profilesRows,
  ...portalRows,
  ...noticesRows,
  ...statisticsRows,
  ...distributionsRows,
  ...policyRows,
  ...challengeRows,
  ...challengeTaskRows,
  ...contractsRows,
  ...regionsRows,
];
