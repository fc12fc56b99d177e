package lang

import (
	"strings"
	"unicode"
)

// Names: cues ("nama aku …", "atas nama …", "a.n …", "penerima …", "buat …"),
// a name before an address, cleaned of chat words and title-cased.

// nameRelations are who a buyer sends to ("mama aku"): not the name itself.
var nameRelations = setOf(`mama mamah mami ibu ibuk bapak papa papah ayah adik adek kakak suami istri anak
	teman temen saudara sodara tante om bude pakde nenek kakek mertua ponakan keponakan`)

// honorifics are kept in a name ("Bu Sumarni").
var honorifics = setOf("bu ibu pak bapak mak mbak mba mas bang teh teteh aa kang uda uni bude pakde haji hj h")

// nameCues finds names announced by their cue words.
func (r *reader) nameCues() {
	if r.out.Details.Name != "" {
		return
	}
	for k := 0; k < len(r.toks); k++ {
		if !r.isFree(k) {
			continue
		}
		low := r.toks[k].low
		v, cue := -1, k
		switch {
		case low == "namaku" || low == "namanya":
			v = k + 1
		case low == "nama":
			v = k + 1
			for r.isFree(v) && nameLead[r.w(v)] {
				v++
			}
			if k > 0 && r.w(k-1) == "atas" && r.isFree(k-1) {
				cue = k - 1
			}
		case low == "penerima" || low == "penerimanya":
			v = k + 1
			for r.isFree(v) && nameLead[r.w(v)] {
				v++
			}
		case low == "a" && (r.w(k+1) == "." || r.w(k+1) == "/") && k+2 < len(r.toks) && r.toks[k+2].low == "n":
			v = k + 3
		case (low == "an" || low == "a.n") && (k == 0 || r.toks[k-1].punct):
			// "an" alone is no Indonesian word; it needs a name after it,
			// and "brp an" is "berapaan".
			v = k + 1
		case low == "buat" && (k == 0 || r.toks[k-1].w == "\n") && r.hasDetailBesides(k):
			v = k + 1
		}
		if v < 0 {
			continue
		}
		v, end := r.nameValue(v)
		if end > v && r.nameOK(v, end) {
			r.claim(cue, v, cDetail)
			r.setName(v, end)
			return
		}
	}
}

// nameValue returns the tokens of a name announced before v: lead words
// ("saya", "penerimanya ganti") skipped, and a relation ("mama aku, Siti
// Rohmah") passed over to the name after it.
func (r *reader) nameValue(v int) (int, int) {
	for v < len(r.toks) && (r.toks[v].punct && (r.toks[v].w == ":" || r.toks[v].w == "." || r.toks[v].w == "=" || r.toks[v].w == ",") ||
		r.isFree(v) && (nameLead[r.w(v)] || detailStop[r.w(v)])) {
		v++
	}
	end := r.nameEnd(v)
	if nameRelationOnly(r, v, end) && end < len(r.toks) && (r.toks[end].w == "," || r.toks[end].w == ":") {
		v = end + 1
		end = r.nameEnd(v)
	}
	return v, end
}

// hasDetailBesides reports whether the message also gives an address or a
// phone, so that "buat cahaya putri, perum …" names the recipient while
// "buat hantaran" does not.
func (r *reader) hasDetailBesides(k int) bool {
	for j := k + 1; j < len(r.toks); j++ {
		if r.owner[j] == cPhone || addrMarkers[r.toks[j].low] {
			return true
		}
	}
	return false
}

func nameRelationOnly(r *reader, v, end int) bool {
	rel := false
	for k := v; k < end; k++ {
		w := r.w(k)
		switch {
		case nameRelations[w]:
			rel = true
		case w == "saya" || w == "ku" || w == "nya":
		default:
			return false
		}
	}
	return rel
}

// nameEnd returns where a name starting at v ends: at punctuation, a
// digit, a chat word or a word that starts another detail.
func (r *reader) nameEnd(v int) int {
	k := v
	for ; k < len(r.toks) && k-v < 6; k++ {
		t := &r.toks[k]
		if t.punct {
			if t.w != "." {
				break
			}
			continue // "Dr. Rina"
		}
		if !r.isFree(k) {
			break
		}
		if detailStop[t.w] || detailStop[t.low] || !isLetters(strings.ReplaceAll(t.low, "'", "")) ||
			addrMarkers[t.low] || nameBreak[t.w] {
			break
		}
	}
	return k
}

// nameLead are words between a name cue and the name: "nama penerimanya
// ganti Indah", "nama saya Dewi".
var nameLead = setOf("saya ku lengkap penerima penerimanya pemesan nya ganti diganti jadi baru harusnya adalah ya kak yang benar betul tolong")

// slotNameLead are words before a name given as an answer: "untuk Siti".
var slotNameLead = setOf("untuk buat atas nama an namanya namaku")

// nameBreak are words that end a name: another detail or a new clause.
var nameBreak = setOf(`alamat hp wa nomor no telp kirim di ke dari untuk pakai pake via kurir bayar
	mau pesan order ambil beli udah sudah belum tapi terus jadi yang dan atau siapa apa mana berapa`)

// nameOK checks a candidate name: letters, one to five words, not all
// chat words.
func (r *reader) nameOK(v, end int) bool {
	n, plain := 0, 0
	for k := v; k < end; k++ {
		if r.toks[k].punct {
			continue
		}
		n++
		// "bentar ya kak" is no name; "Bagus Prasetyo" and "Bu Sumarni" are.
		if w := r.w(k); (fillerWords.contains(r.key(k)) || chatWords[w]) && !honorifics[r.toks[k].low] {
			plain++
		}
	}
	return n >= 1 && n <= 5 && plain < n
}

// setName stores tokens [v, end) as the name, title-cased.
func (r *reader) setName(v, end int) {
	for end > v && (r.toks[end-1].punct || detailStop[r.toks[end-1].w]) {
		end--
	}
	for v < end && r.toks[v].punct {
		v++
	}
	if v >= end {
		return
	}
	var ws []string
	for k := v; k < end; k++ {
		if !r.toks[k].punct && !detailStop[r.toks[k].w] {
			ws = append(ws, titleWord(r.toks[k].raw))
		}
	}
	if len(ws) == 0 {
		return
	}
	r.claim(v, end, cDetail)
	r.out.Details.Name = Clean(strings.Join(ws, " "), MaxNameRunes)
	r.out.Details.NameSpan = r.span(v, end)
}

// titleWord writes a word with its first letter capital, the rest small.
func titleWord(w string) string {
	rs := []rune(strings.ToLower(w))
	for i, c := range rs {
		if unicode.IsLetter(c) {
			rs[i] = unicode.ToUpper(c)
			break
		}
	}
	return string(rs)
}

// nameBeforeAddress reads "Dedi, jl kenari 2 …": a short phrase of name-like
// words opening the message or its line, right before the address (or
// before the phone that comes before the address).
func (r *reader) nameBeforeAddress() {
	d := &r.out.Details
	if d.Name != "" || d.Address == "" {
		return
	}
	// In a list of details (an address and a phone), the phrase before the
	// first of them is the name even when its words are everyday words
	// ("Uji Coba, Jl. …, 0812…"), so long as one of them is not.
	list := d.Phone != ""
	at := d.AddressSpan.Start
	if list && d.PhoneSpan.Start < at {
		at = d.PhoneSpan.Start
	}
	a := -1
	for k := range r.toks {
		if r.toks[k].start == at {
			a = k
			break
		}
	}
	if a < 2 || !(r.toks[a-1].w == "," || r.toks[a-1].w == "\n" || r.toks[a-1].w == "/") {
		return
	}
	s := r.lineStart(a - 1)
	plain := false
	for k := s; k < a-1; k++ {
		if !r.isFree(k) || !isLetters(r.toks[k].low) || detailStop[r.w(k)] {
			return
		}
		if fillerWords.contains(r.key(k)) || chatWords[r.w(k)] {
			if !list {
				return
			}
			continue
		}
		plain = true
	}
	if !plain {
		return
	}
	if n := a - 1 - s; n >= 1 && n <= 4 && LooksLikeName(r.raw(s, a-1)) {
		r.setName(s, a-1)
	}
}
