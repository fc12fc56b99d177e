package lang

import "strings"

// Edits: the words that say how a phrase changes the order (set, remove,
// replace, add) and "masing-masing N" for every item.

// editCues reads the words that say how each phrase changes the order.
func (r *reader) editCues(gs []*group) {
	for _, g := range gs {
		for k := g.s; k < g.e; k++ {
			if !r.isFree(k) {
				continue
			}
			switch key := r.key(k); {
			case key == "jadi" && r.w(k-1) == "tidak", key == "jd" && r.w(k-1) == "tidak":
				g.op, g.cue = OpRemove, true
				r.claim(k-1, k+1, cCue)
			case key == "gajadi":
				g.op, g.cue = OpRemove, true
				r.claim(k, k+1, cCue)
			case key == "usah" && (r.w(k-1) == "tidak" || r.w(k-1) == "ga"), key == "gausah":
				g.op, g.cue = OpRemove, true
				r.claim(max(k-1, g.s), k+1, cCue)
			case key == "hapus" || key == "hapusin" || key == "delete" || key == "buang":
				g.op, g.cue = OpRemove, true
				r.claim(k, k+1, cCue)
			case key == "batal" || key == "cancel" || key == "batalin":
				g.op, g.cue = OpRemove, true
				r.claim(k, k+1, cCue)
			case key == "kurangin" || key == "kurangi" || key == "dikurangi" || key == "kurang" && r.qtyAhead(k):
				g.op, g.cue = OpRemove, true
				r.claim(k, k+1, cCue)
			case key == "ganti" || key == "tukar" || key == "tuker" || key == "ubah" || key == "gantiin" ||
				key == "harus" || key == "seharus" || key == "mestinya" || key == "mesti":
				if detailWords.contains(r.key(k+1)) || r.detailIn(g) {
					continue // "ganti kurir jnt", "alamat ganti ke …"
				}
				if (key == "harus" || key == "seharus" || key == "mesti" || key == "mestinya") && !r.variantAfter(g, k+1) {
					continue // "nomor hp harus diisi?"
				}
				g.op, g.cue = OpReplace, true
				r.claim(k, k+1, cCue)
				if r.w(k+1) == "ke" || r.w(k+1) == "jadi" {
					r.claim(k+1, k+2, cCue)
					if _, ok := r.qtyAt(k+2, g.p); ok {
						g.op = OpSet // "ganti jadi 2"
						continue
					}
				}
				if g.m >= 0 && r.mentions[g.m].i > k && !g.nya {
					g.op = OpAdd // "batal, ganti bedak tabur 01": another product
				} else {
					r.oldValue(g, k)
				}
			case key == "tambah" || key == "tambahin" || key == "tambahkan" || key == "nambah":
				if g.op == "" {
					g.op = OpAdd
				}
				g.cue = true
				r.claim(k, k+1, cCue)
			case key == "jadi" || key == "jadiin" || key == "tetap" || key == "tetep":
				if _, ok := r.qtyAt(k+1, g.p); ok {
					if g.op == "" || g.op == OpReplace {
						g.op = OpSet
					}
					g.cue = true
					r.claim(k, k+1, cCue)
				} else if key == "jadi" && r.variantAfter(g, k+1) {
					// "yg redmi note 12 jadi redmi note 13"
					g.op, g.cue = OpReplace, true
					r.claim(k, k+1, cCue)
					r.oldValue(g, k)
				}
			case key == "bukan" || key == "jangan" || key == "jgn":
				// "bukan 3 tapi 2", "jangan 5": the number denied is no quantity.
				if _, ok := r.qtyAt(k+1, g.p); ok {
					r.claim(k, k+2, cCue)
					g.cue = true
					if g.op == "" {
						g.op = OpSet
					}
				} else if r.isFree(k + 1) {
					vt := r.variantToks(k+1, min(k+3, g.e), g.p)
					if len(vt) > 0 && vt[0].k == k+1 {
						r.claim(k, vt[len(vt)-1].k+1, cCue)
						if key == "bukan" && r.variantAfter(g, vt[len(vt)-1].k+1) {
							g.op, g.cue = OpReplace, true // "bukan 30ml tapi 20ml"
						}
					}
				}
			case key == "mau" || key == "pesan" || key == "order" || key == "beli" || key == "ambil" ||
				key == "minta" || key == "checkout" || key == "booking" || key == "pesanan":
				g.cue = true
			}
		}
		// "N aja" on a line already chosen sets it.
		for k := g.s; k+1 < g.e; k++ {
			if (r.w(k+1) == "aja" || r.w(k+1) == "saja") && (g.m < 0 || g.nya || r.nyaAround(g)) {
				if _, ok := r.qtyAt(k, g.p); ok && g.op == "" {
					g.op = OpSet
				}
			}
		}
	}
}

// variantAfter reports variant words in the phrase from token k on.
func (r *reader) variantAfter(g *group, k int) bool {
	return len(r.variantToks(k, g.e, g.p)) > 0
}

// oldValue claims the variant words before an edit word at k: "yg nude
// ganti rosy" changes nude, it does not order it.
func (r *reader) oldValue(g *group, k int) {
	if !r.variantAfter(g, k+1) {
		return
	}
	for _, t := range r.variantToks(g.s, k, g.p) {
		r.claim(t.k, t.k+1, cCue)
	}
}

// detailWords name a delivery detail: "ganti kurir" changes no item.
var detailWords = keySet("kurir", "kurirnya", "alamat", "alamatnya", "nama", "namanya", "nomor", "hp", "wa", "ekspedisi", "pembayaran", "bayar", "bayarnya", "penerima", "penerimanya")

// detailIn reports a delivery detail read inside the phrase.
func (r *reader) detailIn(g *group) bool {
	for k := g.s; k < g.e; k++ {
		if r.owner[k] == cDetail || r.owner[k] == cPhone {
			return true
		}
	}
	return false
}

// nyaAround reports a "-nya" on the phrase's variant words ("hitamnya 1 aja").
func (r *reader) nyaAround(g *group) bool {
	for k := g.s; k < g.e; k++ {
		if w := r.toks[k].w; r.owner[k] != cProduct && (w == "nya" || strings.HasSuffix(w, "nya") && len(w) > 4) {
			return true
		}
	}
	return false
}

// firstQty returns the phrase's first quantity.
func (r *reader) firstQty(g *group) (qtyPhrase, bool) {
	for k := g.s; k < g.e; k++ {
		if q, ok := r.qtyAt(k, g.p); ok {
			return q, true
		}
	}
	return qtyPhrase{}, false
}

func (r *reader) qtyAhead(k int) bool {
	_, ok := r.qtyAt(k+1, -1)
	return ok
}

// eachQty finds "masing-masing 2", "@2", "semuanya 2": a quantity for
// every item of the message.
func (r *reader) eachQty() *qtyPhrase {
	for k := 0; k < len(r.toks); k++ {
		w := r.toks[k].w
		each := w == "masing-masing" || w == "masing2" || w == "msg2" || w == "masing" || w == "@" ||
			w == "semuanya" || w == "semua" || w == "each" || w == "per"
		if !each || !(r.isFree(k) || r.toks[k].punct) {
			continue
		}
		n := k + 1
		if w == "masing" && r.w(n) == "masing" {
			n++
		}
		if q, ok := r.qtyAt(n, -1); ok {
			r.claim(k, n, cCue)
			r.claim(q.i, q.j, cQty)
			return &q
		}
	}
	return nil
}
