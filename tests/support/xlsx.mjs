// Reads the text back out of an .xlsx file (a zip of XML parts) with node's zlib only: enough to check what a
// ledger export says, cell by cell, without trusting the program that wrote it.
import { inflateRawSync } from 'node:zlib';

function entries(zip) {
  let eocd = zip.length - 22;
  while (eocd >= 0 && zip.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  if (eocd < 0) throw new Error('not a zip file');
  const count = zip.readUInt16LE(eocd + 10);
  let p = zip.readUInt32LE(eocd + 16);
  const files = new Map();
  for (let i = 0; i < count; i++) {
    const method = zip.readUInt16LE(p + 10);
    const size = zip.readUInt32LE(p + 20);
    const nameLength = zip.readUInt16LE(p + 28);
    const extraLength = zip.readUInt16LE(p + 30);
    const commentLength = zip.readUInt16LE(p + 32);
    const local = zip.readUInt32LE(p + 42);
    const name = zip.subarray(p + 46, p + 46 + nameLength).toString('utf8');
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const data = zip.subarray(start, start + size);
    files.set(name, method === 8 ? inflateRawSync(data) : data);
    p += 46 + nameLength + extraLength + commentLength;
  }
  return files;
}

const unescape = (s) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');

function sheetRows(xml, shared) {
  const rows = [];
  for (const row of xml.matchAll(/<row[^>]*>(.*?)<\/row>/gs)) {
    const cells = [];
    for (const c of row[1].matchAll(/<c r="([A-Z]+)\d+"([^>]*?)(?:\/>|>(.*?)<\/c>)/gs)) {
      const col = [...c[1]].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
      const body = c[3] ?? '';
      const value = /<v>(.*?)<\/v>/s.exec(body)?.[1] ?? '';
      if (/t="s"/.test(c[2])) cells[col] = shared[Number(value)];
      else if (/t="inlineStr"/.test(c[2])) cells[col] = unescape([...body.matchAll(/<t[^>]*>(.*?)<\/t>/gs)].map((t) => t[1]).join(''));
      else cells[col] = unescape(value);
    }
    rows.push(cells);
  }
  return rows;
}

// Every worksheet, in the workbook's order: [{ name, rows }] with rows of cell texts (shared and inline strings
// resolved; numbers as written).
export function readWorkbook(buffer) {
  const files = entries(Buffer.from(buffer));
  const shared = [...(files.get('xl/sharedStrings.xml')?.toString('utf8') ?? '').matchAll(/<si>(.*?)<\/si>/gs)].map(
    (m) => unescape([...m[1].matchAll(/<t[^>]*>(.*?)<\/t>/gs)].map((t) => t[1]).join('')),
  );
  const rels = new Map(
    [...(files.get('xl/_rels/workbook.xml.rels')?.toString('utf8') ?? '').matchAll(/<Relationship ([^>]*)\/>/g)].map((m) => [
      /Id="([^"]+)"/.exec(m[1])?.[1],
      /Target="([^"]+)"/.exec(m[1])?.[1],
    ]),
  );
  const sheets = [];
  for (const m of (files.get('xl/workbook.xml')?.toString('utf8') ?? '').matchAll(/<sheet ([^>]*)\/>/g)) {
    const name = unescape(/name="([^"]*)"/.exec(m[1])[1]);
    const target = rels.get(/r:id="([^"]+)"/.exec(m[1])[1]).replace(/^\/?(xl\/)?/, '');
    const xml = files.get(`xl/${target}`)?.toString('utf8');
    if (xml && !/state="hidden"/.test(m[1])) sheets.push({ name, rows: sheetRows(xml, shared) });
  }
  return sheets;
}

// The first sheet as rows of cell texts (shared and inline strings resolved; numbers as written).
export function readXlsx(buffer) {
  return readWorkbook(buffer)[0].rows;
}
