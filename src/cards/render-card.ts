import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import type * as ACDataModule from "adaptivecards-templating";
import { AppError } from "../errors.js";
import { projectRoot } from "../project-root.js";

export const cardsDir = path.join(projectRoot, "cards");

import type { AdaptiveCard } from "../domain/adaptive-card.js";

export type { AdaptiveCard };

// Parsed templates are kept: building an ACData.Template costs ~10 ms for a large card and
// expanding a kept one under 1 ms (same output), which matters when a job renders hundreds.
const templates = new Map<string, ACDataModule.Template>();

// Loaded at the first card, not at start: the templating library brings its expression language
// (adaptive-expressions and antlr4ts, about 400 modules), which a CLI call without cards never
// needs. It is CommonJS, so a synchronous require keeps rendering synchronous.
let templating: typeof ACDataModule | undefined;
function loadTemplating(): typeof ACDataModule {
  return (templating ??= createRequire(import.meta.url)("adaptivecards-templating") as typeof ACDataModule);
}

function loadTemplate(name: string): ACDataModule.Template {
  let template = templates.get(name);
  if (!template) {
    template = new (loadTemplating().Template)(JSON.parse(fs.readFileSync(path.join(cardsDir, `${name}.json`), "utf8")) as object);
    templates.set(name, template);
  }
  return template;
}

/** Template expressions that survived expansion: a missing field in the data. */
export function findUnexpandedExpressions(card: unknown): string[] {
  return [...JSON.stringify(card).matchAll(/\$\{[^}]*\}/g)].map((m) => m[0]);
}

/**
 * Text typed by people (names, reasons, notes) reaches cards as data. A literal "${" in it would
 * survive expansion and look like a template bug, so it is broken up once here for every card.
 */
function neutralizeTemplateSyntax(value: unknown): unknown {
  if (typeof value === "string") return value.replace(/\$\{/g, "$ {");
  if (Array.isArray(value)) return value.map(neutralizeTemplateSyntax);
  if (value !== null && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([key, v]) => [key, neutralizeTemplateSyntax(v)]));
  }
  return value;
}

/**
 * A `$when` that is false on an optional object (a card's `refresh`) leaves `"refresh": null`,
 * which the Adaptive Card 1.5 schema refuses: such a property is left out instead.
 */
function dropNullProperties<T extends object>(card: T): T {
  return Object.fromEntries(Object.entries(card).filter(([, value]) => value !== null)) as T;
}

/**
 * Fills a template from cards/ with data built by a typed builder. A card with an unexpanded
 * `${...}` is a bug that Teams would show to users verbatim, so it fails here instead.
 */
export function renderCard(name: string, data: object): AdaptiveCard {
  const card = dropNullProperties(loadTemplate(name).expand({ $root: neutralizeTemplateSyntax(data) }) as AdaptiveCard);
  const leftovers = findUnexpandedExpressions(card);
  if (leftovers.length > 0) {
    throw new AppError("INTERNAL", `card ${name} has unexpanded expressions: ${leftovers.slice(0, 5).join(", ")}`);
  }
  return card;
}

/**
 * Loads the templating library and parses and expands every template once, a template per turn of
 * the event loop, so the first card after a start does not pay for it (about 1 s on a busy
 * machine: the library's load, then each template's first parse and expansion). Started by
 * main once the server listens; the library's load is the one stretch that holds the event loop.
 */
export async function warmUpCardRendering(): Promise<void> {
  const nextTick = () => new Promise((resolve) => setImmediate(resolve));
  loadTemplating();
  for (const name of listCardTemplates()) {
    await nextTick();
    try {
      // Empty data: most of the card falls away, but the expression language is exercised.
      loadTemplate(name).expand({ $root: {} });
    } catch {
      // A template that needs its data to expand is still parsed and kept.
    }
  }
}

export function listCardTemplates(): string[] {
  return fs
    .readdirSync(cardsDir)
    .filter((f) => f.endsWith(".json"))
    .map((f) => f.replace(/\.json$/, ""))
    .sort();
}
