/**
 * Hostile workbooks: small .xlsx files whose parts expand to hundreds of megabytes or more (zip bombs),
 * written with node:zlib streaming (never held in memory), uploaded to 取り込み while READERS readers keep
 * asking the public API. The upload must be refused with an answer (4xx), every reader must get its
 * answers, the slowest answer is reported, and the server must still be running afterwards.
 */
import { createWriteStream, openAsBlob } from "node:fs";
import { stat } from "node:fs/promises";
import { join } from "node:path";
import { constants, crc32, createDeflateRaw } from "node:zlib";
import { type CheckResult, mb, type Server, type Session, sleep } from "./harness.ts";

export const READERS = 50;
const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PKG = "http://schemas.openxmlformats.org/package/2006/relationships";
const CT = "application/vnd.openxmlformats-officedocument.spreadsheetml";

/** A part's content, as chunks produced one at a time. */
type Part = { name: string; chunks: () => Iterable<string> };

const small = (name: string, text: string): Part => ({ name, chunks: () => [text] });

function* repeated(head: string, item: (i: number) => string, count: number, tail: string): Iterable<string> {
  yield head;
  let batch = "";
  for (let i = 0; i < count; i++) {
    batch += item(i);
    if (batch.length > 1 << 20) {
      yield batch;
      batch = "";
    }
  }
  yield batch + tail;
}

/** Writes a zip (deflate, data descriptors, no ZIP64: parts under 4 GB) part by part, streaming. */
async function writeZip(file: string, parts: Part[]): Promise<void> {
  const out = createWriteStream(file);
  let offset = 0;
  const write = (b: Buffer) =>
    new Promise<void>((resolve, reject) => {
      offset += b.length;
      out.write(b, (e) => (e ? reject(e) : resolve()));
    });
  const central: Buffer[] = [];
  for (const part of parts) {
    const name = Buffer.from(part.name, "utf8");
    const start = offset;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0808, 6); // data descriptor; UTF-8 names
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt16LE(name.length, 26);
    await write(Buffer.concat([local, name]));
    let crc = 0;
    let size = 0;
    let compressed = 0;
    const deflate = createDeflateRaw({ level: constants.Z_BEST_COMPRESSION });
    const drained = new Promise<void>((resolve, reject) => {
      deflate.on("data", (b: Buffer) => {
        compressed += b.length;
        offset += b.length;
        if (!out.write(b)) {
          deflate.pause();
          out.once("drain", () => deflate.resume());
        }
      });
      deflate.once("end", () => resolve());
      deflate.once("error", reject);
    });
    for (const chunk of part.chunks()) {
      const b = Buffer.from(chunk, "utf8");
      crc = crc32(b, crc);
      size += b.length;
      if (!deflate.write(b)) await new Promise((r) => deflate.once("drain", r));
    }
    deflate.end();
    await drained;
    const descriptor = Buffer.alloc(16);
    descriptor.writeUInt32LE(0x08074b50, 0);
    descriptor.writeUInt32LE(crc >>> 0, 4);
    descriptor.writeUInt32LE(compressed, 8);
    descriptor.writeUInt32LE(size, 12);
    await write(descriptor);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4);
    entry.writeUInt16LE(20, 6);
    entry.writeUInt16LE(0x0808, 8);
    entry.writeUInt16LE(8, 10);
    entry.writeUInt32LE(crc >>> 0, 16);
    entry.writeUInt32LE(compressed, 20);
    entry.writeUInt32LE(size, 24);
    entry.writeUInt16LE(name.length, 28);
    entry.writeUInt32LE(start, 42);
    central.push(Buffer.concat([entry, name]));
  }
  const dir = Buffer.concat(central);
  const dirStart = offset;
  await write(dir);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(dirStart, 16);
  await write(end);
  await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
}

function workbookParts(sheet: Part, strings: Part): Part[] {
  return [
    small(
      "[Content_Types].xml",
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="${CT}.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="${CT}.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="${CT}.sharedStrings+xml"/></Types>`,
    ),
    small(
      "_rels/.rels",
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="${PKG}"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    ),
    small(
      "xl/workbook.xml",
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets><sheet name="情報" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    ),
    small(
      "xl/_rels/workbook.xml.rels",
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="${PKG}"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
    ),
    sheet,
    strings,
  ];
}

const HEAD = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>`;

/** The hostile files: a shared-strings part of about `stringsMb` MB, and a sheet of about `rowsMb` MB of rows. */
export async function writeBombs(
  dir: string,
  stringsMb: number,
  rowsMb: number,
): Promise<{ name: string; file: string }[]> {
  const oneRowSheet = small(
    "xl/worksheets/sheet1.xml",
    `${HEAD}<worksheet xmlns="${MAIN}"><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData></worksheet>`,
  );
  const oneString = small(
    "xl/sharedStrings.xml",
    `${HEAD}<sst xmlns="${MAIN}" count="1" uniqueCount="1"><si><t>情報</t></si></sst>`,
  );
  const item = `<si><t>${"A".repeat(1000)}</t></si>`;
  const stringCount = Math.ceil((stringsMb * 1024 * 1024) / item.length);
  const strings: Part = {
    name: "xl/sharedStrings.xml",
    chunks: () =>
      repeated(
        `${HEAD}<sst xmlns="${MAIN}" count="${stringCount}" uniqueCount="${stringCount}">`,
        () => item,
        stringCount,
        "</sst>",
      ),
  };
  // Rows without their optional r attributes: identical, so they compress about a thousand to one.
  const rowText = "<row><c><v>1</v></c><c><v>2</v></c><c><v>3</v></c></row>";
  const row = () => rowText;
  const rowCount = Math.ceil((rowsMb * 1024 * 1024) / rowText.length);
  const rows: Part = {
    name: "xl/worksheets/sheet1.xml",
    chunks: () =>
      repeated(`${HEAD}<worksheet xmlns="${MAIN}"><sheetData>`, row, rowCount, "</sheetData></worksheet>"),
  };
  const files = [
    {
      name: `shared strings ${stringsMb} MB`,
      file: join(dir, "bomb-strings.xlsx"),
      parts: workbookParts(oneRowSheet, strings),
    },
    { name: `rows ${rowsMb} MB`, file: join(dir, "bomb-rows.xlsx"), parts: workbookParts(rows, oneString) },
  ];
  for (const f of files) await writeZip(f.file, f.parts);
  return files.map(({ name, file }) => ({ name, file }));
}

/** Readers asking `path` in a loop until stopped: answers, errors and the slowest answer. */
function startReaders(base: string, path: string, count: number) {
  let stop = false;
  let answers = 0;
  let errors = 0;
  let maxMs = 0;
  const loops = Array.from({ length: count }, async () => {
    while (!stop) {
      const t = performance.now();
      try {
        const res = await fetch(`${base}${path}`, { signal: AbortSignal.timeout(60_000) });
        await res.arrayBuffer();
        if (res.ok) answers++;
        else errors++;
      } catch {
        errors++;
        await sleep(100);
      }
      maxMs = Math.max(maxMs, performance.now() - t);
    }
  });
  return async () => {
    stop = true;
    await Promise.all(loops);
    return { answers, errors, maxMs };
  };
}

export async function hostileUploads(
  server: Server,
  admin: Session,
  bombs: { name: string; file: string }[],
  readers = READERS,
): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  for (const bomb of bombs) {
    if (!server.alive()) {
      results.push({
        check: "hostile-workbook",
        counts: bomb.name,
        ok: false,
        why: "the server was not running",
      });
      continue;
    }
    const size = (await stat(bomb.file)).size;
    const stopReaders = startReaders(server.base, "/api/v1/plans", readers);
    await sleep(500);
    const form = new FormData();
    form.set("_csrf", admin.csrf);
    form.set("city", "小諸市");
    form.set("fiscalYear", "2024");
    form.set("file", await openAsBlob(bomb.file), "book.xlsx");
    const t = performance.now();
    let answer = "";
    try {
      const res = await admin.post("/import", form, { signal: AbortSignal.timeout(180_000) });
      await res.arrayBuffer();
      answer = String(res.status);
    } catch (e) {
      answer = `no answer (${e instanceof Error ? e.name : String(e)})`;
    }
    const uploadMs = performance.now() - t;
    await sleep(1000);
    const r = await stopReaders();
    const alive = server.alive();
    const refused = /^4\d\d$/.test(answer);
    const ok = refused && r.errors === 0 && r.maxMs < 2000 && alive;
    const why = [
      refused ? "" : `the upload answered ${answer}`,
      r.errors > 0 ? `${r.errors} reader errors` : "",
      r.maxMs >= 2000 ? `a reader waited ${(r.maxMs / 1000).toFixed(1)} s` : "",
      alive ? "" : "the server died",
    ]
      .filter(Boolean)
      .join(", ");
    results.push({
      check: "hostile-workbook",
      counts: `${bomb.name} in a ${mb(size)} file: upload ${answer} after ${(uploadMs / 1000).toFixed(1)} s; ${readers} readers got ${r.answers} answers, ${r.errors} errors, slowest ${Math.round(r.maxMs)} ms; server ${alive ? "running" : "DOWN"}`,
      ok,
      ...(ok ? {} : { why }),
    });
  }
  return results;
}
