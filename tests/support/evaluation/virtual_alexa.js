// Drives `steadyheart serve --no-verify` through virtual-alexa (npm, written by others), which
// matches what is said strictly against the sample utterances of intents/<locale>.json.
//
// Input: a file of JSON lines, one job each:
//   {"id": "...", "locale": "en-US", "turns": [{"kind": "launch"|"utter"|"one_shot", "text": "..."}]}
// Output (stdout): one JSON line per job:
//   {"id", "prior": <raw response of the turn before the last, or null>,
//    "intent": {"name", "slots"} | null, "response": <raw response of the last turn>, "error"}
//
// Each job is a new person (a fresh user id) in a new session. An utterance is matched with
// virtual-alexa's own matcher (virtual-core's Utterance, the call VirtualAlexa.utter makes) and
// sent with intend(); "Unable to match" becomes AMAZON.FallbackIntent with no text, as on a
// device. utter() itself is not used: its launch check is an unanchored regex, so any sentence
// containing "ask", "tell" or "open" anywhere ("he asked me") would become a LaunchRequest.
"use strict";

const fs = require("fs");
const path = require("path");
const readline = require("readline");

function arg(name) {
  const i = process.argv.indexOf(name);
  if (i < 0 || i + 1 >= process.argv.length) throw new Error(`missing ${name}`);
  return process.argv[i + 1];
}

const url = arg("--url");
const models = arg("--models");
const jobsFile = arg("--jobs");
const { VirtualAlexa } = require("virtual-alexa");
// The matcher virtual-alexa itself uses (its own dependency, whichever copy it resolves).
const { Utterance } = require(
  require.resolve("virtual-core", { paths: [path.dirname(require.resolve("virtual-alexa"))] }),
);

// virtual-alexa 0.7.8 knows one built-in slot type, AMAZON.NUMBER; any other built-in slot
// accepts any words, so a slot-only sample such as "{duration}" (AMAZON.DURATION) would take
// every sentence, which no device does. AMAZON.DURATION and AMAZON.TIME get a word grammar here,
// through virtual-alexa's own BuiltinSlotType (the way it defines AMAZON.NUMBER).
// AMAZON.SearchQuery stays free, as on a device; custom types stay closed (listed values and
// synonyms only), which is stricter than a device: this is a lower bound.
const { BuiltinSlotType } = require(
  path.join(path.dirname(require.resolve("virtual-alexa")), "model", "BuiltinSlotTypes"),
);
const { SlotMatch } = require(
  require.resolve("virtual-core", { paths: [path.dirname(require.resolve("virtual-alexa"))] }),
);
const NUMBER_WORDS = new Set(
  ("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen " +
    "fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty " +
    "ninety hundred a an half quarter couple few several").split(" "),
);
const DURATION_UNITS = new Set(
  "second seconds sec secs minute minutes min mins hour hours hr hrs day days week weeks month months year years".split(" "),
);
const DURATION_GLUE = new Set("and of about around only just roughly more than less under over or".split(" "));
const TIME_ANCHORS = new Set("noon midnight morning afternoon evening night tonight".split(" "));
const TIME_GLUE = new Set("am pm o'clock oclock past to after before in the at this around about".split(" "));
const isNumber = (w) => /^\d+(?::\d\d)?$/.test(w) || NUMBER_WORDS.has(w);

function grammarType(name, accepts) {
  const type = new BuiltinSlotType(name, [], null);
  type.isEnumerated = () => true;
  type.match = (value) => {
    const words = value.trim().toLowerCase().split(/\s+/).filter(Boolean);
    return accepts(words) ? new SlotMatch(true, value.trim()) : new SlotMatch(false);
  };
  return type;
}

const DURATION = grammarType(
  "AMAZON.DURATION",
  (w) => w.some((x) => DURATION_UNITS.has(x)) &&
    w.every((x) => DURATION_UNITS.has(x) || DURATION_GLUE.has(x) || isNumber(x)),
);
const TIME = grammarType(
  "AMAZON.TIME",
  (w) => w.some((x) => isNumber(x) || TIME_ANCHORS.has(x)) &&
    w.every((x) => isNumber(x) || TIME_ANCHORS.has(x) || TIME_GLUE.has(x)),
);

// ASR hands a skill lowercase words without punctuation (apostrophes kept).
function asr(text) {
  return text
    .replace(/[\u2018\u2019\u02bc`]/g, "'")
    .toLowerCase()
    .replace(/[^a-z0-9' ]+/g, " ")
    .replace(/(^| )'+|'+( |$)/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

const clients = new Map();
const matches = new Map();

function client(locale) {
  if (!clients.has(locale)) {
    const alexa = VirtualAlexa.Builder()
      .interactionModelFile(path.join(models, `${locale}.json`))
      .skillURL(url)
      .applicationID("amzn1.ask.skill.00000000-0000-0000-0000-000000000000")
      .locale(locale)
      .create();
    alexa.context().interactionModel().slotTypes.addTypes([DURATION, TIME]);
    clients.set(locale, alexa);
  }
  return clients.get(locale);
}

function match(alexa, locale, text) {
  const said = asr(text);
  const key = `${locale}\u0000${said}`;
  if (!matches.has(key)) {
    let found = { name: "AMAZON.FallbackIntent", slots: {} };
    if (said) {
      const u = new Utterance(alexa.context().interactionModel(), said);
      if (u.matched()) found = { name: u.intent(), slots: u.toJSON() };
    }
    matches.set(key, found);
  }
  return matches.get(key);
}

function raw(reply) {
  if (!reply) return null;
  return { version: reply.version, response: reply.response, sessionAttributes: reply.sessionAttributes };
}

async function run(job, n) {
  const alexa = client(job.locale);
  if (alexa.context().activeSession()) alexa.context().endSession();
  alexa.context().user().setID(`amzn1.ask.account.VIRTUAL${process.pid}x${n}`);
  let prior = null;
  let last = null;
  let intent = null;
  for (const t of job.turns) {
    prior = last;
    if (t.kind === "launch") {
      intent = null;
      last = await alexa.launch();
      continue;
    }
    if (t.kind === "one_shot" && alexa.context().activeSession()) alexa.context().endSession();
    if (t.kind === "utter" && asr(t.text) === "exit") {
      // What a device does with "exit": the session ends, the skill is told.
      intent = { name: "SessionEndedRequest", slots: {} };
      last = await alexa.endSession("USER_INITIATED");
      continue;
    }
    intent = match(alexa, job.locale, t.text);
    last = await alexa.intend(intent.name, intent.slots);
  }
  return { id: job.id, prior: raw(prior), intent, response: raw(last), error: null };
}

async function main() {
  const lines = readline.createInterface({ input: fs.createReadStream(jobsFile), crlfDelay: Infinity });
  let n = 0;
  for await (const line of lines) {
    if (!line.trim()) continue;
    const job = JSON.parse(line);
    n += 1;
    let out;
    try {
      out = await run(job, n);
    } catch (e) {
      out = { id: job.id, prior: null, intent: null, response: null, error: String(e && e.message ? e.message : e) };
    }
    process.stdout.write(JSON.stringify(out) + "\n");
  }
}

main().catch((e) => {
  process.stderr.write(`virtual_alexa.js: ${e && e.stack ? e.stack : e}\n`);
  process.exit(1);
});
