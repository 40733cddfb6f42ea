import type { AnyJob } from './platform/jobs.ts';
import { catalogueSweepJob } from './modules/freshness/freshness.service.ts';
import { importJob } from './modules/imports/imports.job.ts';
import { matchPushJob } from './modules/push/push.job.ts';
import { matchDigestJob } from './modules/push/push.digest.ts';
import { matchBatchJob } from './modules/matchBatches/matchBatches.job.ts';
import { TRADING_JOBS } from './modules/trading/trading.jobs.ts';
import { storageSweepJob } from './modules/storage/storage.job.ts';
import { CHALLENGE_JOBS } from './modules/challenges/challenges.jobs.ts';
import { contractImportCheckJob, contractImportJob } from './modules/contracts/contracts.import.ts';
import { demoPushAnswersJob } from './seedPushAnswers.ts';

/** Every persistent job the platform runs. */
export const JOBS: AnyJob[] = [catalogueSweepJob, importJob, matchPushJob, matchDigestJob, matchBatchJob, ...TRADING_JOBS, storageSweepJob, ...CHALLENGE_JOBS, contractImportCheckJob, contractImportJob, demoPushAnswersJob];
