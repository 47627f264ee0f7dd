import { describe, expect, it } from "vitest";
import { detectDelimiter, parseCsv } from "../../src/domain/csv.js";

describe("parseCsv", () => {
  it("detects ; (Dutch Excel) and , from the header line", () => {
    expect(detectDelimiter("email;naam;rol\na,b;c;d")).toBe(";");
    expect(detectDelimiter("email,naam,rol\na;b,c,d")).toBe(",");
    expect(detectDelimiter('"e;mail",naam,rol')).toBe(",");
  });

  it("reads quoted fields with separators, doubled quotes and line breaks, and keeps the starting line", () => {
    const result = parseCsv('a;b;c\r\n"x;y";"he said ""hi""";"line1\r\nline2"\r\nlast;row;here\r\n');
    expect(result).toEqual({
      ok: true,
      delimiter: ";",
      records: [
        { line: 1, fields: ["a", "b", "c"] },
        { line: 2, fields: ["x;y", 'he said "hi"', "line1\nline2"] },
        { line: 4, fields: ["last", "row", "here"] },
      ],
    });
  });

  it("strips a UTF-8 byte order mark and trims unquoted fields", () => {
    const result = parseCsv("\uFEFFemail , naam\n a@b.example ,  Ann  ");
    expect(result.ok && result.records).toEqual([
      { line: 1, fields: ["email", "naam"] },
      { line: 2, fields: ["a@b.example", "Ann"] },
    ]);
  });

  it("skips blank lines and lines of only separators, counting them for line numbers", () => {
    const result = parseCsv("a,b\n\n,,\nc,d\n");
    expect(result.ok && result.records).toEqual([
      { line: 1, fields: ["a", "b"] },
      { line: 4, fields: ["c", "d"] },
    ]);
  });

  it("keeps empty fields, also at the end of a line", () => {
    const result = parseCsv("a;b;c\n1;;\n");
    expect(result.ok && result.records[1]).toEqual({ line: 2, fields: ["1", "", ""] });
  });

  it("reports an unclosed quote with the line where the field starts", () => {
    expect(parseCsv('a;b\n1;"open\nstill open\n')).toEqual({ ok: false, line: 2, reason: expect.stringContaining("aanhalingsteken") });
  });

  it("keeps a stray quote inside an unquoted field as text", () => {
    const result = parseCsv('a;b\n12" scherm;x\n');
    expect(result.ok && result.records[1]!.fields).toEqual(['12" scherm', "x"]);
  });

  it("accepts a file without a final line break and with old Mac CR line ends", () => {
    const result = parseCsv("a;b\r1;2");
    expect(result.ok && result.records).toEqual([
      { line: 1, fields: ["a", "b"] },
      { line: 2, fields: ["1", "2"] },
    ]);
  });

  it("names the line where a record with an unclosed quote starts, not the end of the file nor line 1", () => {
    const rows = Array.from({ length: 8 }, (_, i) => `row${i + 2};x`);
    expect(parseCsv(["a;b", ...rows, 'row10;"open', "row11;y", "row12;z", ""].join("\n"))).toEqual({ ok: false, line: 10, reason: expect.stringContaining("aanhalingsteken") });
    expect(parseCsv(["a;b", "", "", '"open;x', "y"].join("\r\n"))).toMatchObject({ ok: false, line: 4 });
  });

  it("rejects text after a closing quote with its line", () => {
    expect(parseCsv('a;b\n1;2\n"x"y;3\n')).toEqual({ ok: false, line: 3, reason: expect.stringContaining("na het afsluitende aanhalingsteken") });
  });

  it("counts CRLF line breaks inside quotes as one line, and keeps a comma file's ;; line as a cell", () => {
    const result = parseCsv('\uFEFFa,b,c\r\n1,"x, y",3\r\n"multi\r\nline",2,3\r\n\r\n;;\n4,"say ""hi""",6\n');
    expect(result.ok && result.records).toEqual([
      { line: 1, fields: ["a", "b", "c"] },
      { line: 2, fields: ["1", "x, y", "3"] },
      { line: 3, fields: ["multi\nline", "2", "3"] },
      { line: 6, fields: [";;"] },
      { line: 7, fields: ["4", 'say "hi"', "6"] },
    ]);
  });
});
