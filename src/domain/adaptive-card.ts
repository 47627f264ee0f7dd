/**
 * An Adaptive Card as JSON. The type lives here, not in src/cards, because services pass cards
 * through (the outbox stores them) without building them.
 */
export type AdaptiveCard = { type: "AdaptiveCard"; version: string; body: unknown[]; [key: string]: unknown };
