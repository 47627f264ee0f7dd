/** The answers to the yearly evaluation invitation of the overstap procedure. */
export const EVALUATION_ANSWERS = ["ja", "nee", "misschien"] as const;

export type EvaluationAnswer = (typeof EVALUATION_ANSWERS)[number];
