/**
 * Placeholders in help and error texts ("zaak <nr>") as Teams can show them. Teams treats
 * `<nr>` in a message or card as an HTML tag and drops it ("pak op" instead of "pak op <nr>"),
 * so the angle brackets become the single guillemets ‹ › that look the same and survive.
 * `<at>...</at>` is Teams' own mention markup and is left alone.
 */
const PLACEHOLDER = /<(?!\/?at>)([a-zà-ÿ][a-zà-ÿ0-9 |/-]*)>/gi;

export function showPlaceholders(text: string): string {
  return text.replace(PLACEHOLDER, "‹$1›");
}

/** Placeholders that Teams would drop, for checks: `<word>` outside mention markup. */
export function findDroppedPlaceholders(text: string): string[] {
  return [...text.matchAll(PLACEHOLDER)].map((m) => m[0]);
}
