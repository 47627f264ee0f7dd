/**
 * Imported first by the entry points, before the bot's modules load. teams-ai's `Application`
 * loads botbuilder-dialogs (for its sign-in prompts), whose prompts load Microsoft's text
 * recognizers: four bundles of number, date and choice grammars in many languages, about 14 MB
 * of heap and 16 MB of the idle bot's resident memory. Aanjager has no dialogs or prompts and
 * never calls them. Each bundle is put in Node's module cache as a stand-in that loads the real
 * module the first time anything reads from it, so nothing behaves differently if a later
 * feature does use them.
 *
 * This works because botbuilder-dialogs is compiled TypeScript that reads the recognizers'
 * exports only when a prompt recognizes (`Recognizers.recognizeNumber(...)`), and the bundles are
 * compiled ES modules (`__esModule`), so `__importStar` passes the stand-in through unchanged. The
 * one export read while importing (the suite's `Culture` names, for the prompt cultures) comes
 * from the small core package the suite re-exports it from. tests/integration/startup-modules.test.ts
 * loads the bot in a fresh process and checks that none of them is loaded, and that a
 * recognizer still works when called.
 */
import Module, { createRequire } from "node:module";

type Deferred = { name: string; loaded: boolean };

const deferred: Deferred[] = [];
const moduleCache = createRequire(import.meta.url).cache;

/**
 * Stands in for `name` as `requireFrom` resolves it. `early` serves exports that are read while
 * importing, without loading the module.
 */
function deferModule(requireFrom: NodeJS.Require, name: string, early: Record<string, () => unknown> = {}): void {
  const file = requireFrom.resolve(name);
  // Already loaded (an earlier import): there is nothing left to save.
  if (moduleCache[file]) return;
  const entry: Deferred = { name, loaded: false };
  const standIn = new Module(file);
  standIn.filename = file;
  standIn.loaded = true;
  let real: Record<string | symbol, unknown> | undefined;
  const load = () => {
    if (!real) {
      delete moduleCache[file];
      try {
        real = requireFrom(name) as Record<string | symbol, unknown>;
      } finally {
        // The modules that required the stand-in keep it; later requires get it too.
        moduleCache[file] = standIn;
      }
      entry.loaded = true;
    }
    return real;
  };
  standIn.exports = new Proxy(
    {},
    {
      get: (_, key) => {
        if (key === "__esModule") return true;
        if (!real && typeof key === "string" && Object.hasOwn(early, key)) return early[key]!();
        return load()[key];
      },
      has: (_, key) => key in load(),
      ownKeys: () => Reflect.ownKeys(load()),
      getOwnPropertyDescriptor: (_, key) => {
        const descriptor = Object.getOwnPropertyDescriptor(load(), key);
        // A proxy may only report a property its (empty) target lacks as configurable.
        return descriptor && { ...descriptor, configurable: true };
      },
    },
  );
  moduleCache[file] = standIn;
  deferred.push(entry);
}

/** Which modules stand in, and whether something has made them load (for the test). */
export function listDeferredModules(): readonly Readonly<Deferred>[] {
  return deferred;
}

const fromTeamsAi = createRequire(createRequire(import.meta.url).resolve("@microsoft/teams-ai"));
const fromDialogs = createRequire(fromTeamsAi.resolve("botbuilder-dialogs"));
const fromRecognizerSuite = createRequire(fromDialogs.resolve("@microsoft/recognizers-text-suite"));

deferModule(fromDialogs, "@microsoft/recognizers-text-suite", {
  Culture: () => (fromRecognizerSuite("@microsoft/recognizers-text") as { Culture: unknown }).Culture,
});
deferModule(fromDialogs, "@microsoft/recognizers-text-number");
deferModule(fromDialogs, "@microsoft/recognizers-text-choice");
deferModule(fromDialogs, "@microsoft/recognizers-text-date-time");
