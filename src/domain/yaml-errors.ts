import { LineCounter, parseDocument, isNode, type Document } from "yaml";
import { z } from "zod";

/**
 * YAML syntax errors as the beheerder reads them: in Dutch, with the line. The yaml package
 * gives each error a stable `code` and an English message; the message is kept only for a code
 * without a Dutch text (so nothing is hidden), in parentheses.
 */
const DUTCH_YAML_ERRORS: Record<string, string> = {
  BAD_INDENT: "de inspringing klopt niet (gebruik twee spaties per niveau), of een [ of { is niet gesloten",
  TAB_AS_INDENT: "er staat een tab als inspringing; gebruik spaties",
  DUPLICATE_KEY: "een veld staat twee keer in hetzelfde blok",
  MISSING_CHAR: "er ontbreekt een teken (een sluitend haakje ] of }, of een aanhalingsteken)",
  UNEXPECTED_TOKEN: "hier staat een teken dat daar niet mag (een tab, of een dubbele punt of haakje te veel)",
  BLOCK_AS_IMPLICIT_KEY: "een veld zonder dubbele punt, of een waarde op de plaats van een veldnaam",
  MULTILINE_IMPLICIT_KEY: "een veldnaam loopt over meer regels; zet er een dubbele punt achter of zet de tekst tussen aanhalingstekens",
  BAD_SCALAR_START: "een waarde begint met een teken dat YAML niet toestaat (zet de waarde tussen aanhalingstekens)",
  BAD_DQ_ESCAPE: "een ongeldige \\-code tussen dubbele aanhalingstekens",
  BLOCK_IN_FLOW: "een lijst of blok binnen [ ] of { } moet ook met haakjes geschreven worden",
  MULTIPLE_DOCS: "het bestand bevat meer dan één document (---); laat er één over",
  BAD_ALIAS: "een verwijzing (*naam) naar iets dat niet bestaat",
};

export function describeYamlError(error: { code?: string; message: string; linePos?: readonly { line: number; col: number }[] }): string {
  const line = error.linePos?.[0]?.line;
  const dutch = error.code ? DUTCH_YAML_ERRORS[error.code] : undefined;
  const text = dutch ?? `onbekende fout (${error.message.split("\n")[0]})`;
  return line !== undefined ? `regel ${line}: ${text}` : text;
}

/** The line of the value at `path` (or of the nearest part of it that the file has); none for the file as a whole. */
function findLine(doc: Document, lines: LineCounter, path: readonly (string | number)[]): number | null {
  for (let n = path.length; n >= 1; n--) {
    const node = doc.getIn(path.slice(0, n), true);
    if (isNode(node) && node.range) return lines.linePos(node.range[0]).line;
  }
  return null;
}

/**
 * A beheerder's YAML file (the region, the export mapping) read against its schema: every syntax
 * and schema problem in Dutch with its line, handed to `fail` at once, so one run shows them all.
 */
export function readYamlFile<T>(yamlText: string, schema: z.ZodType<T, z.ZodTypeDef, unknown>, fail: (lines: string[]) => never): T {
  const lineCounter = new LineCounter();
  const doc = parseDocument(yamlText, { lineCounter, prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) fail(doc.errors.map((e) => describeYamlError(e)));
  const content: unknown = doc.toJS();
  if (content === null || content === undefined) fail(["het bestand is leeg"]);
  const parsed = schema.safeParse(content, {
    errorMap: (issue, ctx) => {
      if (issue.code === z.ZodIssueCode.unrecognized_keys) return { message: `onbekend veld: ${issue.keys.join(", ")}` };
      return { message: ctx.defaultError };
    },
  });
  if (parsed.success) return parsed.data;
  return fail(
    parsed.error.issues.map((issue) => {
      // An unknown field is found by its own name: the object it sits in may be the whole file.
      const path = issue.code === z.ZodIssueCode.unrecognized_keys ? [...issue.path, issue.keys[0]!] : issue.path;
      const line = findLine(doc, lineCounter, path);
      return line === null ? issue.message : `regel ${line}: ${issue.message}`;
    }),
  );
}
