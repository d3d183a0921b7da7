/** The runtime engine's public surface: the pure step function and what schedulers, stores and simulators need around it. */
export type * from './types.ts';
export { step, MAX_CATCH_UP_TIMERS } from './step.ts';
export { scheduleTick, nextScheduleAt, scheduleInputId } from './schedule.ts';
export { dueTimers, timerInput } from './timers.ts';
export { newCustomerState, customerZone, TIMEZONE_TRAIT } from './customer-state.ts';
export { factReaderFor, lastActivityFor, isActivity } from './fact-reader.ts';
export { rfmScores, type RfmScores, type RfmSegment } from './rfm.ts';
export { splitBucket, splitBranch } from './split-bucket.ts';
export { MAX_WALK_STEPS } from './walk.ts';
export { zonedParts, zonedToUtc, nextZonedTime, isKnownTimeZone, MS_PER_DAY } from './time-zone.ts';
