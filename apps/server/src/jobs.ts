import type { AnyJob } from './platform/jobs.ts';
import { catalogueSweepJob } from './modules/catalogue/catalogue.freshness.ts';
import { importJob } from './modules/imports/imports.job.ts';

/** Every persistent job the platform runs. */
export const JOBS: AnyJob[] = [catalogueSweepJob, importJob];
