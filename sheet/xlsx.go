package sheet

import (
	"archive/zip"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/pesanbot/pesanbot/store"
)

// SheetName is the worksheet the .xlsx export writes.
const SheetName = "Pesanan"

// tableName names the table over the rows (the filter buttons).
const tableName = "TabelPesanan"

// widths are the column widths, in characters, in Header's order.
var widths = [...]float64{11, 6, 17, 22, 22, 18, 16, 16, 40, 18, 10, 18, 12, 24, 16, 8, 14, 14, 14, 12, 10, 14, 17, 17}

// Cell styles of styles.xml's cellXfs.
const (
	styleMoney = 1 // "Rp" with thousands separators
	styleDate  = 2 // dd/mm/yyyy hh:mm
)

// WriteXLSX writes an .xlsx workbook: numbers are numbers (money with
// an "Rp" thousands format), times are dates, the header row is frozen and
// the rows are a table with filter buttons. Text is written as string
// cells, which a spreadsheet never runs as a formula, so it needs no
// visible ' in front as in the CSV.
//
// The workbook is written here as the few Office Open XML parts it needs
// (one sheet, its styles and its table), not with a spreadsheet library:
// such a library is a large package whose start-up every pesanbot process
// would pay, while only an export uses it.
func WriteXLSX(w io.Writer, rows []store.ExportRow, loc *time.Location) error {
	z := zip.NewWriter(w)
	last := len(rows) + 1
	if last < 2 {
		last = 2 // a table needs a row under its header, even an empty one
	}
	ref := "A1:" + cellName(len(Header), last)
	parts := []struct {
		name  string
		write func(io.Writer) error
	}{
		{"[Content_Types].xml", constPart(contentTypes)},
		{"_rels/.rels", constPart(rootRels)},
		{"xl/workbook.xml", constPart(fmt.Sprintf(workbookXML, SheetName))},
		{"xl/_rels/workbook.xml.rels", constPart(workbookRels)},
		{"xl/styles.xml", constPart(stylesXML)},
		{"xl/worksheets/_rels/sheet1.xml.rels", constPart(sheetRels)},
		{"xl/tables/table1.xml", constPart(tableXML(ref))},
		{"xl/worksheets/sheet1.xml", func(w io.Writer) error { return writeSheet(w, rows, loc) }},
	}
	for _, p := range parts {
		f, err := z.CreateHeader(&zip.FileHeader{Name: p.name, Method: zip.Deflate})
		if err != nil {
			return err
		}
		if err := p.write(f); err != nil {
			return err
		}
	}
	return z.Close()
}

func constPart(s string) func(io.Writer) error {
	return func(w io.Writer) error {
		_, err := io.WriteString(w, s)
		return err
	}
}

// writeSheet writes the worksheet: frozen header, column widths, the rows.
func writeSheet(w io.Writer, rows []store.ExportRow, loc *time.Location) error {
	var b strings.Builder
	b.WriteString(xmlHeader + `<worksheet xmlns="` + nsMain + `" xmlns:r="` + nsRel + `">`)
	b.WriteString(`<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft"/></sheetView></sheetViews>`)
	b.WriteString(`<cols>`)
	for i, width := range widths {
		fmt.Fprintf(&b, `<col min="%d" max="%d" width="%s" customWidth="1"/>`, i+1, i+1, strconv.FormatFloat(width, 'f', -1, 64))
	}
	b.WriteString(`</cols><sheetData>`)
	header := make([]any, len(Header))
	for i, h := range Header {
		header[i] = h
	}
	flush := func() error {
		_, err := io.WriteString(w, b.String())
		b.Reset()
		return err
	}
	writeRow(&b, 1, header)
	for n, r := range rows {
		writeRow(&b, n+2, cells(r, loc))
		if b.Len() > 64<<10 {
			if err := flush(); err != nil {
				return err
			}
		}
	}
	b.WriteString(`</sheetData><tableParts count="1"><tablePart r:id="rId1"/></tableParts></worksheet>`)
	return flush()
}

// writeRow writes row n (1-based) of typed cells; nil leaves a cell out.
func writeRow(b *strings.Builder, n int, cells []any) {
	fmt.Fprintf(b, `<row r="%d">`, n)
	for i, v := range cells {
		ref := cellName(i+1, n)
		switch v := v.(type) {
		case string:
			b.WriteString(`<c r="` + ref + `" t="inlineStr"><is><t xml:space="preserve">`)
			escape(b, v)
			b.WriteString(`</t></is></c>`)
		case int64:
			b.WriteString(`<c r="` + ref + `"><v>` + strconv.FormatInt(v, 10) + `</v></c>`)
		case money:
			fmt.Fprintf(b, `<c r="%s" s="%d"><v>%d</v></c>`, ref, styleMoney, int64(v))
		case time.Time:
			fmt.Fprintf(b, `<c r="%s" s="%d"><v>%s</v></c>`, ref, styleDate, strconv.FormatFloat(serial(v), 'f', -1, 64))
		}
	}
	b.WriteString(`</row>`)
}

// excelEpoch is day 0 of spreadsheet dates (1900 date system, past the
// 1900 leap-year bug: every date pesanbot writes is after March 1900).
var excelEpoch = time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)

// serial is t's wall clock as a spreadsheet date: days since excelEpoch.
// Spreadsheet dates carry no zone, so the time in t's location is kept.
func serial(t time.Time) float64 {
	wall := time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), 0, time.UTC)
	return float64(wall.Sub(excelEpoch)) / float64(24*time.Hour)
}

// cellName is the A1 name of column col (1-based) in row.
func cellName(col, row int) string {
	name := ""
	for ; col > 0; col = (col - 1) / 26 {
		name = string(rune('A'+(col-1)%26)) + name
	}
	return name + strconv.Itoa(row)
}

// escape writes s as XML text: markup characters escaped, characters XML
// cannot hold (most control characters, broken UTF-8) as U+FFFD.
func escape(b *strings.Builder, s string) {
	for _, r := range s { // broken UTF-8 comes as utf8.RuneError: written as U+FFFD
		switch {
		case r == '&':
			b.WriteString("&amp;")
		case r == '<':
			b.WriteString("&lt;")
		case r == '>':
			b.WriteString("&gt;")
		case r == '"':
			b.WriteString("&quot;")
		case r < 0x20 && r != '\t' && r != '\n' && r != '\r', r == 0xFFFE || r == 0xFFFF:
			b.WriteRune(utf8.RuneError)
		default:
			b.WriteRune(r)
		}
	}
}

// tableXML is the table over ref, its columns named by Header.
func tableXML(ref string) string {
	var b strings.Builder
	b.WriteString(xmlHeader + `<table xmlns="` + nsMain + `" id="1" name="` + tableName + `" displayName="` + tableName + `" ref="` + ref + `">`)
	b.WriteString(`<autoFilter ref="` + ref + `"/>`)
	fmt.Fprintf(&b, `<tableColumns count="%d">`, len(Header))
	for i, h := range Header {
		fmt.Fprintf(&b, `<tableColumn id="%d" name="`, i+1)
		escape(&b, h)
		b.WriteString(`"/>`)
	}
	b.WriteString(`</tableColumns><tableStyleInfo name="TableStyleMedium2" showFirstColumn="0" showLastColumn="0" showRowStripes="1" showColumnStripes="0"/></table>`)
	return b.String()
}

const (
	xmlHeader = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n"
	nsMain    = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
	nsRel     = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
	nsPkgRel  = "http://schemas.openxmlformats.org/package/2006/relationships"
	ctPrefix  = "application/vnd.openxmlformats-officedocument.spreadsheetml."

	contentTypes = xmlHeader + `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
		`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
		`<Default Extension="xml" ContentType="application/xml"/>` +
		`<Override PartName="/xl/workbook.xml" ContentType="` + ctPrefix + `sheet.main+xml"/>` +
		`<Override PartName="/xl/worksheets/sheet1.xml" ContentType="` + ctPrefix + `worksheet+xml"/>` +
		`<Override PartName="/xl/styles.xml" ContentType="` + ctPrefix + `styles+xml"/>` +
		`<Override PartName="/xl/tables/table1.xml" ContentType="` + ctPrefix + `table+xml"/>` +
		`</Types>`

	rootRels = xmlHeader + `<Relationships xmlns="` + nsPkgRel + `">` +
		`<Relationship Id="rId1" Type="` + nsRel + `/officeDocument" Target="xl/workbook.xml"/>` +
		`</Relationships>`

	workbookXML = xmlHeader + `<workbook xmlns="` + nsMain + `" xmlns:r="` + nsRel + `">` +
		`<bookViews><workbookView/></bookViews><sheets><sheet name="%s" sheetId="1" r:id="rId1"/></sheets></workbook>`

	workbookRels = xmlHeader + `<Relationships xmlns="` + nsPkgRel + `">` +
		`<Relationship Id="rId1" Type="` + nsRel + `/worksheet" Target="worksheets/sheet1.xml"/>` +
		`<Relationship Id="rId2" Type="` + nsRel + `/styles" Target="styles.xml"/>` +
		`</Relationships>`

	sheetRels = xmlHeader + `<Relationships xmlns="` + nsPkgRel + `">` +
		`<Relationship Id="rId1" Type="` + nsRel + `/table" Target="../tables/table1.xml"/>` +
		`</Relationships>`

	// stylesXML: cellXfs 0 is the default, 1 styleMoney, 2 styleDate.
	stylesXML = xmlHeader + `<styleSheet xmlns="` + nsMain + `">` +
		`<numFmts count="2"><numFmt numFmtId="164" formatCode="&quot;Rp&quot;#,##0"/><numFmt numFmtId="165" formatCode="dd/mm/yyyy hh:mm"/></numFmts>` +
		`<fonts count="1"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>` +
		`<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>` +
		`<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>` +
		`<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>` +
		`<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>` +
		`<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>` +
		`<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>` +
		`<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>` +
		`</styleSheet>`
)
