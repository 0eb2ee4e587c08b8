// The feedback buttons every platform shows under an alert and each sitrep story, and the command a
// click stands for: a click on "Not relevant" under item 412 is `/mark 412 not-relevant`, answered
// privately to the one who clicked.
import type { FeedbackMark } from '../store/feedback-store.js';

export const FEEDBACK_BUTTONS: readonly { mark: FeedbackMark; label: string }[] = [
  { mark: 'not-relevant', label: 'Not relevant' },
  { mark: 'not-new', label: 'Not new' },
  { mark: 'more-like-this', label: 'More like this' },
];

/** Slack action ids and Discord custom ids start with this, then ":MARK" (and ":ITEM" on Discord buttons). */
export const FEEDBACK_ACTION_PREFIX = 'sitroom_feedback';

export function feedbackActionId(mark: FeedbackMark): string {
  return `${FEEDBACK_ACTION_PREFIX}:${mark}`;
}

/** The command line a click stands for, or undefined for an id that is not a feedback button's. */
export function feedbackCommandLine(actionId: string, itemId: string): string | undefined {
  const mark = FEEDBACK_BUTTONS.find((button) => actionId === feedbackActionId(button.mark))?.mark;
  return mark && /^\d+$/.test(itemId) ? `/mark ${itemId} ${mark}` : undefined;
}
