package lang

import "strings"

// Addresses: after "alamat", after "kirim ke" or "ke" before a street, or
// from a phrase that starts with a street word; as written, over several
// lines, without chat words.

// addrMarkers start an address or a part of one.
var addrMarkers = setOf(`jl jln jalan gg gang perum perumahan komplek kompleks komp cluster desa ds dusun dsn
	kp kampung blok blk rt rw kel kelurahan kec kecamatan kab kabupaten apartemen apt gedung ruko
	griya villa asrama kost kos lingkungan lingk`)

// strongAddr are markers that make a text an address even when it also
// asks something.
var strongAddr = setOf("jl jln jalan gg gang perum perumahan komplek kompleks komp cluster desa dusun dsn blok rt rw kel kelurahan kec kecamatan")

// addressCues finds an address after "alamat", after "kirim ke", or at a
// phrase starting with an address marker.
func (r *reader) addressCues() {
	if r.out.Details.Address != "" {
		return
	}
	for k := 0; k < len(r.toks); k++ {
		if !r.isFree(k) {
			continue
		}
		low := r.toks[k].low
		v := -1
		switch {
		case low == "alamat" || low == "alamatnya" || low == "almt":
			v = k + 1
			for v < len(r.toks) && (r.isFree(v) && (addrLead[r.w(v)] || detailStop[r.w(v)]) || r.toks[v].punct && r.toks[v].w != "\n") {
				v++
			}
			if v < len(r.toks) && !r.addressAhead(v) && !(k+1 < len(r.toks) && r.toks[k+1].w == ":") {
				v = -1
			}
		case (r.w(k) == "kirim" || r.w(k) == "dikirim" || r.w(k) == "antar") && r.w(k+1) == "ke":
			if r.strongAhead(k + 2) {
				v = k + 2
			}
		case low == "ke" && k+1 < len(r.toks) && strongAddr[r.toks[k+1].low] && r.lineEnd(k+1)-(k+1) >= 4 && !r.shippingAsked():
			v = k + 1 // "atas nama Rini ke Perum Harapan Indah …"
		case strongAddr[low] && r.phraseStart(k) && r.addressAhead(k) && !r.addressSlot():
			v = k
		}
		if v < 0 {
			continue
		}
		for v < len(r.toks) && r.toks[v].punct && r.toks[v].w != "\n" {
			v++
		}
		if v >= len(r.toks) {
			continue
		}
		r.takeAddress(k, v)
		return
	}
}

// addrLead are words between "alamat" and the address: "alamatnya salah
// kak, harusnya jl …", "alamat ganti ke jl …".
var addrLead = setOf("saya ku lengkap di nya kirim pengiriman salah ganti diganti harusnya seharusnya jadi ke yang benar betul baru tolong diubah ubah mohon")

// phraseStart reports whether token k starts a line or follows a comma.
func (r *reader) phraseStart(k int) bool {
	for j := k - 1; j >= 0; j-- {
		if r.toks[j].punct {
			return true
		}
		if !detailStop[r.toks[j].w] && r.toks[j].w != "di" && r.toks[j].w != "ke" && r.toks[j].w != "harusnya" {
			return false
		}
	}
	return true
}

// addressAhead reports whether the words from k read as an address.
func (r *reader) addressAhead(k int) bool {
	end := r.lineEnd(k)
	hasMarker := false
	for j := k; j < end; j++ {
		if addrMarkers[r.toks[j].low] || rtrwGlued(r.toks[j].low) || isPostcode(r.toks[j].w) {
			hasMarker = true
		}
	}
	return hasMarker
}

// trimLead moves an address start v past chat before the first street
// word: "rumah ibu saya ya kak di jl. dahlia …" starts at "jl.".
func (r *reader) trimLead(v int) int {
	for k := v; k < r.lineEnd(v); k++ {
		if strongAddr[r.toks[k].low] {
			for j := k - 1; j >= v; j-- {
				if detailStop[r.w(j)] || r.w(j) == "di" {
					return j + 1
				}
			}
			break
		}
	}
	return v
}

// shippingAsked reports a shipping-cost word in the message.
func (r *reader) shippingAsked() bool {
	for k := range r.toks {
		if ongkirWords.contains(r.key(k)) {
			return true
		}
	}
	return false
}

// strongAhead reports a street, RT/RW, village or postcode on the line from k.
func (r *reader) strongAhead(k int) bool {
	for j := k; j < r.lineEnd(k); j++ {
		if strongAddr[r.toks[j].low] || rtrwGlued(r.toks[j].low) || isPostcode(r.toks[j].w) {
			return true
		}
	}
	return false
}

// takeAddress reads an address starting at v (the cue at k) to the end of
// its line, stopping at a name cue, a phone or a correction ("bukan …"),
// and takes following lines that read as address too.
func (r *reader) takeAddress(k, v int) {
	v = r.trimLead(v)
	end := r.addressEnd(v)
	r.claim(k, v, cDetail)
	parts := []string{r.addrPart(v, end, "")}
	last := end
	for end < len(r.toks) && r.toks[end].w == "\n" {
		n := end + 1
		ne := r.lineEnd(n)
		if _, _, _, isLabel := r.label(n, ne); isLabel || !r.looksAddress(n, ne) {
			break
		}
		e := r.addressEnd(n)
		parts = append(parts, r.addrPart(n, e, ""))
		last, end = e, e
	}
	r.setAddress(parts, v, last)
}

// addressEnd returns where an address starting at v stops on its line.
func (r *reader) addressEnd(v int) int {
	k := v
	for ; k < len(r.toks); k++ {
		t := &r.toks[k]
		if t.punct && (t.w == "\n" || t.w == "?") {
			break
		}
		if r.owner[k] == cPhone || (r.owner[k] == cDetail && k > v) {
			break
		}
		if t.punct {
			continue
		}
		if t.w == "bukan" || t.low == "an" || t.low == "a" && r.w(k+1) == "." || t.low == "a.n" ||
			t.low == "nama" || t.low == "namaku" || t.low == "atas" && r.w(k+1) == "nama" ||
			(t.low == "hp" || t.low == "wa") && k+1 < len(r.owner) && r.owner[k+1] == cPhone {
			break
		}
		if courierKeyOf(t.low) != "" && k > v && !streetWords[r.toks[k-1].low] && r.toks[k-1].low != "kode" {
			break
		}
	}
	return k
}

// addrPart returns the address words of tokens [i, j) as written, chat
// words and punctuation trimmed from both ends; prefix ("Kec. ") goes in
// front.
func (r *reader) addrPart(i, j int, prefix string) string {
	for i < j && (r.toks[i].punct || detailStop[r.toks[i].w]) {
		i++
	}
	for j > i && (r.toks[j-1].punct || detailStop[r.toks[j-1].w]) {
		j--
	}
	// "kirim ke kantor aja kak: Gedung …": what precedes a colon is chat.
	for k := j - 1; k > i; k-- {
		if r.toks[k].w == ":" {
			i = k + 1
			break
		}
	}
	if i >= j {
		return ""
	}
	return prefix + strings.TrimRight(r.raw(i, j), " ,;")
}

// setAddress stores the address parts read from tokens [i, j).
func (r *reader) setAddress(parts []string, i, j int) {
	var keep []string
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			keep = append(keep, strings.TrimRight(p, ","))
		}
	}
	if len(keep) == 0 {
		return
	}
	for k := i; k < j; k++ {
		if r.owner[k] == free {
			r.owner[k] = cDetail
		}
	}
	r.out.Details.Address = Clean(strings.Join(keep, ", "), MaxAddressRunes)
	r.out.Details.AddressSpan = r.span(i, j)
}

// strongAddress reports whether the message has an address marker.
func (r *reader) strongAddress() bool {
	for k := range r.toks {
		if strongAddr[r.toks[k].low] || rtrwGlued(r.toks[k].low) || isPostcode(r.toks[k].w) {
			return true
		}
	}
	return false
}
