import { dayPolicy } from './day.js';
import { exactPolicy } from './exact.js';
import type { TimelinessPolicyDefinition } from './policy.js';
import { workingHalfDayPolicy } from './working-half-day.js';

/** Every timeliness policy, by name (DESIGN.md §3: pluggable; DAY is the default). */
export const POLICIES: Record<TimelinessPolicyDefinition['name'], TimelinessPolicyDefinition> = {
  DAY: dayPolicy,
  EXACT: exactPolicy,
  WORKING_HALF_DAY: workingHalfDayPolicy,
};

export type PolicyName = keyof typeof POLICIES;
export type { TimelinessPolicyDefinition } from './policy.js';
