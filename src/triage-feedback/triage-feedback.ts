/**
 * A counselor's judgement of how the urgency rules triaged a case on arrival: it should have been
 * urgent (the rules missed it) or it should not have been (a false alarm). Supervisors read the
 * marks to improve the rules; the marks hold no words of the case, only which case and who said so.
 */
export const TRIAGE_MARKS = ['should_have_been_urgent', 'should_not_have_been_urgent'] as const;
export type TriageMark = (typeof TRIAGE_MARKS)[number];

export interface TriageMarkView {
  mark: TriageMark;
  by: { id: string; name: string | null };
  at: string;
}

/** One line of the supervisors' list: the case by reference, never its text. */
export interface TriageFeedbackItem extends TriageMarkView {
  id: string;
  caseId: string;
  reference: string;
  /** The case's priority now, and when it was marked (what the rules or a person had made of it). */
  priority: string;
  priorityAtMark: string;
}
