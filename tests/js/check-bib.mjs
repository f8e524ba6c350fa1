// Parse a .bib file with @retorquere/bibtex-parser, the parser Better BibTeX (Zotero) uses,
// and print a JSON report on stdout: {entries, keys, errors, duplicates, fields}, where
// fields maps each key to what the parser read: title, container, creators, DOI and URL.
//
//   node tests/js/check-bib.mjs FILE.bib
//
// The parser does not report duplicate keys, and Zotero/BBT compare keys ignoring case,
// so duplicates are counted here, case-insensitively.
import { readFileSync } from "node:fs";
import { parse } from "@retorquere/bibtex-parser";

const path = process.argv[2];
const input = readFileSync(path, "utf8");
const report = { entries: 0, keys: [], errors: [], duplicates: [], fields: {} };

// A creator as one string: "prefix lastName" for a person, the whole name for an organisation.
function creator(person) {
  if (person.name !== undefined) return person.name;
  return [person.prefix, person.lastName].filter(Boolean).join(" ");
}

let library;
try {
  library = parse(input);
} catch (error) {
  // The parser throws on, for instance, a TeX command it does not know.
  report.errors.push({ error: `parser threw: ${error && error.stack ? error.stack : error}` });
  process.stdout.write(JSON.stringify(report));
  process.exit(0);
}

if (library.errors.length) {
  // The parser's errors do not say which entry they come from: parse each entry alone to
  // name it (entries that did not parse at all keep the error's own input excerpt).
  const named = new Set();
  for (const entry of library.entries) {
    let alone;
    try {
      alone = parse(entry.input);
    } catch (error) {
      alone = { errors: [{ error: `parser threw: ${error}` }] };
    }
    for (const error of alone.errors) {
      named.add(error.error);
      report.errors.push({ key: entry.key, error: error.error ?? String(error), input: error.input ?? "" });
    }
  }
  for (const error of library.errors) {
    if (!named.has(error.error)) {
      report.errors.push({ key: "", error: error.error ?? String(error), input: error.input ?? "" });
    }
  }
}
report.entries = library.entries.length;
const seen = new Map();
for (const entry of library.entries) {
  report.keys.push(entry.key);
  const f = entry.fields;
  report.fields[entry.key] = {
    title: f.title ?? "",
    container: f.journaltitle ?? f.journal ?? f.booktitle ?? "",
    author: (f.author ?? []).map(creator),
    editor: (f.editor ?? []).map(creator),
    doi: f.doi ?? "",
    url: f.url ?? "",
  };
  const folded = entry.key.toLowerCase();
  if (seen.has(folded)) {
    report.duplicates.push([seen.get(folded), entry.key]);
  } else {
    seen.set(folded, entry.key);
  }
}
process.stdout.write(JSON.stringify(report));
