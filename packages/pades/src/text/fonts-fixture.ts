/**
 * Test-only: a hand-written PDF (ISO 32000-2 syntax, classic xref) whose one page shows text in
 * three font set-ups the anchor finder must read: a Type0 font with an embedded non-Identity
 * CMap mixing 1- and 2-byte codes (codespace ranges, §9.7.6.2) and a ToUnicode CMap; a Type3
 * font with a non-standard /FontMatrix (§9.6.4); and text inside a form XObject with a /Matrix.
 * Anchors: "^" (2-byte code in the CID font), "@" (Type3), "~" (inside the form).
 */
export function fontsFixturePdf(): Uint8Array {
  const cmap = `/CIDInit /ProcSet findresource begin 12 dict begin begincmap
/CIDSystemInfo << /Registry (Teken) /Ordering (Test) /Supplement 0 >> def
/CMapName /Teken-Test-H def /CMapType 1 def
2 begincodespacerange
<00> <80>
<8140> <FEFE>
endcodespacerange
1 begincidrange
<20> <7e> 1
endcidrange
3 begincidchar
<8140> 200
<8141> 201
<8142> 202
endcidchar
endcmap CMapName currentdict /CMap defineresource pop end end`;
  const toUnicode = `/CIDInit /ProcSet findresource begin 12 dict begin begincmap
/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def
/CMapName /Adobe-Identity-UCS def /CMapType 2 def
2 begincodespacerange
<00> <80>
<8140> <FEFE>
endcodespacerange
1 beginbfrange
<20> <7e> <0020>
endbfrange
3 beginbfchar
<8140> <570B>
<8141> <005E>
<8142> <5BB6>
endbfchar
endcmap CMapName currentdict /CMap defineresource pop end end`;
  const type3ToUnicode = `/CIDInit /ProcSet findresource begin 12 dict begin begincmap
/CMapName /T3-UCS def /CMapType 2 def
1 begincodespacerange
<00> <FF>
endcodespacerange
2 beginbfchar
<40> <0040>
<41> <0041>
endbfchar
endcmap CMapName currentdict /CMap defineresource pop end end`;
  // Page: CID text at (50, 200) size 20; Type3 text at (60, 120) size 24; form with "~" at (100+30+10, 20+40+10).
  const content = `BT /F1 20 Tf 50 200 Td [<48 8140 49> -800 <8141> -800 <4A 8142>] TJ ET
BT /F2 24 Tf 60 120 Td [<41> -1000 <40> -1000 <41>] TJ ET
q 1 0 0 1 100 20 cm /X1 Do Q`;
  const glyph = "60 0 0 -20 60 90 d1 0 0 60 90 re f";
  const form = "BT /F3 12 Tf 10 10 Td (a ~ b) Tj ET";
  const objects: string[] = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Count 1 /Kids [3 0 R] >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 400 300] /Resources << /Font << /F1 5 0 R /F2 9 0 R >> /XObject << /X1 13 0 R >> >> /Contents 4 0 R >>",
    stream("", content),
    "<< /Type /Font /Subtype /Type0 /BaseFont /TekenTest /Encoding 6 0 R /DescendantFonts [7 0 R] /ToUnicode 8 0 R >>",
    stream(
      "/Type /CMap /CMapName /Teken-Test-H /CIDSystemInfo << /Registry (Teken) /Ordering (Test) /Supplement 0 >>",
      cmap,
    ),
    "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /TekenTest /CIDSystemInfo << /Registry (Teken) /Ordering (Test) /Supplement 0 >> /FontDescriptor 14 0 R /DW 500 /W [40 [700] 41 [300] 42 [650] 200 [1000 400 900]] /CIDToGIDMap /Identity >>",
    stream("", toUnicode),
    "<< /Type /Font /Subtype /Type3 /FontBBox [0 -20 60 90] /FontMatrix [0.01 0 0 0.01 0 0] /CharProcs << /a 10 0 R /at 11 0 R >> /Encoding << /Type /Encoding /Differences [64 /at /a] >> /FirstChar 64 /LastChar 65 /Widths [80 60] /Resources << >> /ToUnicode 12 0 R >>",
    stream("", glyph),
    stream("", "80 0 0 -20 70 90 d1 0 0 70 90 re f"),
    stream("", type3ToUnicode),
    stream(
      "/Type /XObject /Subtype /Form /BBox [0 0 200 100] /Matrix [1 0 0 1 30 40] /Resources << /Font << /F3 15 0 R >> >>",
      form,
    ),
    "<< /Type /FontDescriptor /FontName /TekenTest /Flags 4 /FontBBox [0 -200 1000 900] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 700 /StemV 80 >>",
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
  ];
  let out = "%PDF-1.7\n%\xe2\xe3\xcf\xd3\n";
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f\r\n`;
  for (const o of offsets) out += `${String(o).padStart(10, "0")} 00000 n\r\n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  const bytes = new Uint8Array(out.length);
  for (let i = 0; i < out.length; i++) bytes[i] = out.charCodeAt(i) & 0xff;
  return bytes;
}

function stream(dict: string, data: string): string {
  return `<< ${dict} /Length ${data.length} >>\nstream\n${data}\nendstream`;
}
