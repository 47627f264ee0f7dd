import { DateTime } from "luxon";
import { isValidIsoDate, type IsoDate } from "../calendar/index.js";
import type { Direction, KpiStatus, KpiUnit } from "./types.js";

/**
 * Status of a KPI from what was expected at this point of the period against what was measured.
 *
 * The expected value moves in a straight line from a baseline to the norm over the period:
 * `baseline + (norm - baseline) * progress`. With no baseline (nothing measured last year, or
 * a level that must simply be met, such as "% in beeld") the norm itself is expected. Then:
 * - op koers: at or better than expected (better = the KPI's direction from the catalogue);
 * - risico:   worse, but within the tolerance (2 percentage points, or 5% of the norm for counts);
 * - achter:   worse than that.
 * No status without a norm, a direction or a measurement: "better" is then not defined.
 */
export function computeExpectedValue(input: { norm: number; baseline: number | null; progress: number }): number {
  const progress = Math.min(1, Math.max(0, input.progress));
  if (input.baseline === null) return input.norm;
  return input.baseline + (input.norm - input.baseline) * progress;
}

export function getStatusTolerance(unit: KpiUnit, norm: number): number {
  return unit === "percentage" ? 2 : Math.max(1, Math.abs(norm) * 0.05);
}

export function computeKpiStatus(input: { unit: KpiUnit; direction: Direction | null; norm: number | null; expected: number | null; actual: number | null }): KpiStatus | null {
  const { unit, direction, norm, expected, actual } = input;
  if (direction === null || norm === null || expected === null || actual === null) return null;
  const better = direction === "higher" ? actual - expected : expected - actual;
  // Rounding noise (92.49999 against 92.5) must not make a KPI "risico".
  if (better >= -1e-9) return "op-koers";
  return -better <= getStatusTolerance(unit, norm) + 1e-9 ? "risico" : "achter";
}

/** How far `on` lies between `start` and `end` (0 before, 1 after), by calendar days. */
export function computeProgress(start: IsoDate, end: IsoDate, on: IsoDate): number {
  const total = daysBetween(start, end);
  if (total <= 0) return 1;
  return Math.min(1, Math.max(0, daysBetween(start, on) / total));
}

export function daysBetween(from: IsoDate, to: IsoDate): number {
  // Two calendar days: plain UTC milliseconds (a date-only ISO string parses as UTC midnight).
  // The summary asks this for every point of every series; luxon's diff was most of its own CPU.
  if (isValidIsoDate(from) && isValidIsoDate(to)) return Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);
  return Math.round(DateTime.fromISO(to, { zone: "UTC" }).diff(DateTime.fromISO(from, { zone: "UTC" }), "days").days);
}

/**
 * Where a series is heading on `target`: a least-squares line through the last points (at most
 * `window`), clamped to [min, max]. Null with fewer than two distinct days: one point is no trend.
 */
export function forecastLinear(points: readonly { on: IsoDate; value: number }[], target: IsoDate, options: { window?: number; min?: number; max?: number } = {}): number | null {
  const recent = points.slice(-(options.window ?? 6));
  if (recent.length < 2) return null;
  const origin = recent[0]!.on;
  const xs = recent.map((p) => daysBetween(origin, p.on));
  const ys = recent.map((p) => p.value);
  const meanX = xs.reduce((a, b) => a + b, 0) / xs.length;
  const meanY = ys.reduce((a, b) => a + b, 0) / ys.length;
  let sxx = 0;
  let sxy = 0;
  xs.forEach((x, i) => {
    sxx += (x - meanX) ** 2;
    sxy += (x - meanX) * (ys[i]! - meanY);
  });
  if (sxx === 0) return null;
  const slope = sxy / sxx;
  const value = meanY + slope * (daysBetween(origin, target) - meanX);
  return Math.min(options.max ?? Infinity, Math.max(options.min ?? -Infinity, value));
}

export function toPercentage(part: number, whole: number): number | null {
  return whole > 0 ? (part / whole) * 100 : null;
}
