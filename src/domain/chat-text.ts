/**
 * What a person typed, as the command parser needs it. Teams sends some messages as HTML
 * ("<p>help</p>", "help&nbsp;") and a channel message often mentions the bot mid-sentence
 * ("hoi @Aanjager help"): after the mention is removed, "hoi help" is no command, "help" is.
 */

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " " };

/** HTML to plain text: tags become spaces (Teams' mention markup `<at>` is kept), entities are decoded. */
export function toPlainText(text: string): string {
  return text
    .replace(/<(?!\/?at>)\/?[a-z][a-z0-9]*(?:\s[^<>]*)?\/?>/gi, " ")
    .replace(/&(#\d{1,6}|#x[0-9a-f]{1,6}|[a-z]+);/gi, (entity, name: string) => {
      if (name.startsWith("#")) {
        const code = name[1] === "x" || name[1] === "X" ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
        return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : entity;
      }
      return ENTITIES[name.toLowerCase()] ?? entity;
    });
}

/** Words people put before a command that are not part of it. */
const GREETINGS = new Set(["hoi", "hallo", "hey", "hi", "hee", "dag", "beste", "goedemorgen", "goedemiddag", "goedenavond", "aanjager", "@aanjager", "graag", "even", "alsjeblieft", "aub", "svp"]);

/**
 * The texts to try as a command, best first: the text itself, then without the greetings and the
 * bot's name in front ("hoi @Aanjager, help" arrives as "hoi , help" once Teams' mention is
 * removed). Only such words are skipped, never others: "ik sluit 12 niet" must not close case 12.
 */
export function listCommandCandidates(text: string): string[] {
  const plain = toPlainText(text).replace(/\s+/g, " ").trim();
  const words = plain.split(" ");
  let start = 0;
  while (start < words.length - 1 && isGreeting(words[start]!)) start++;
  return start > 0 ? [plain, words.slice(start).join(" ")] : [plain];
}

function isGreeting(word: string): boolean {
  const bare = word.toLowerCase().replace(/[,.!:;]+$/, "");
  return bare === "" || GREETINGS.has(bare);
}
