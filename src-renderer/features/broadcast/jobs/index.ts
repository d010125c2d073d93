/** The Sending tab's parts that History shows too: a job's facts, its stores, its live state. */
import './jobs.css';

export { JobFacts, useOptionsText, useScheduleText } from './JobFacts.tsx';
export { JobRows } from './JobRows.tsx';
export { countLines, jobTitle } from './job-view-model.ts';
export { useJobs } from './jobs-store.ts';
