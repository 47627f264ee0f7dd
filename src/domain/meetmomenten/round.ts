import type { FormValue } from "./form.js";

/** A round takes no figures once it is closed, or once its closing moment has passed (the job may not have run yet). */
export function isRoundClosed(round: { status: string; closesAt: Date }, now: Date): boolean {
  return round.status === "gesloten" || now.getTime() >= round.closesAt.getTime();
}

/** The value of a stored measurement: text, number, or none (a draft left empty). */
export function readMeasurementValue(m: { valueNumber: number | null; valueText: string | null }): FormValue | undefined {
  if (m.valueText !== null) return m.valueText;
  if (m.valueNumber !== null) return m.valueNumber;
  return undefined;
}
