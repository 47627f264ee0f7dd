/**
 * The buttons of a card in the order a reader sees them: ActionSets in the body (cards with more
 * than two buttons put them there, in rows that fit a phone) and then the card's own actions.
 * The actions inside an opened Action.ShowCard are not included.
 */
export function listCardButtons(card: any): any[] {
  const found: any[] = [];
  const walk = (node: any): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== "object") return;
    if (node.type === "ActionSet") found.push(...(node.actions ?? []));
    else for (const [key, value] of Object.entries(node)) if (key !== "card" && key !== "actions") walk(value);
  };
  walk(card.body ?? []);
  return [...found, ...(card.actions ?? [])];
}
