// The exception catalog of DOMAIN.md: every rule, in catalog order.
import { demoNoFeedback, missingRequiredFields, stageOverdue } from './deal-rules';
import { stageFlapping, stageRegression } from './history-rules';
import { leadRouting } from './lead-routing';
import { leadUnfollowed, sleepingLead } from './lead-rules';
import { nextStepOverdue } from './next-step';
import { phiDrop } from './phi-drop';
import { busyNotEffective, dataHealthLow } from './rep-rules';
import type { Rule } from './types';

export const RULES: readonly Rule[] = [
  stageOverdue,
  stageRegression,
  stageFlapping,
  leadUnfollowed,
  sleepingLead,
  demoNoFeedback,
  missingRequiredFields,
  nextStepOverdue,
  phiDrop,
  dataHealthLow,
  leadRouting,
  busyNotEffective,
];
