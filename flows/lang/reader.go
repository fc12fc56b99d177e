package lang

import "strings"

// claim says what a token was read as. Every reading step claims the tokens
// it uses through reader.claim, in the order of read: what is recognised
// first (phones, prices, addresses, names, product names) is never read
// again as something else (a quantity, a variant, an unknown product).
type claim uint8

const (
	free      claim = iota
	cPhone          // a phone number
	cNumber         // a number that is no quantity: price, postcode, RT/RW, date, time, duration
	cDetail         // a name, an address, a label, a courier, a payment word
	cProduct        // a product's name
	cVariant        // a variant word, or a number attached to a unit that names a variant
	cQty            // a quantity, with its counting word
	cCue            // a word that says how: "jadi", "ganti", "hapus", "masing-masing"
	cQuestion       // a word of a question
	cChoice         // a numbered pick
)

// reader holds one message while it is read.
type reader struct {
	ix    *Index
	ctx   Context
	text  string // NFKC text the tokens' raw spans refer to
	toks  []token
	keys  []string // each token's wordKey
	owner []claim
	out   Reading

	mentions []mention // product mentions, in text order
	clauses  []clause
	groups   []*group   // item phrases
	each     *qtyPhrase // "masing-masing 2": a quantity for every item
	cur      int        // the product under discussion (Context.Current), -1 when none

	areas *areaWords // the configured areas' words, looked up on first use
}

// areaWords returns each configured area's place words (placeTokens).
func (r *reader) areaWords() [][]string {
	if r.areas == nil {
		r.areas = areaWordsOf(r.ctx.Areas)
	}
	return r.areas.toks
}

// areaFields returns each configured area's words, lower case, split at spaces.
func (r *reader) areaFields() [][]string {
	if r.areas == nil {
		r.areas = areaWordsOf(r.ctx.Areas)
	}
	return r.areas.fields
}

func newReader(text string, ix *Index, ctx Context) *reader {
	r := &reader{ix: ix, ctx: ctx, cur: -1}
	r.text = prepText(text)
	r.out.Norm, r.toks = tokenize(r.text)
	r.owner = make([]claim, len(r.toks))
	r.keys = make([]string, len(r.toks))
	for k := range r.toks {
		r.keys[k] = wordKey(r.toks[k].w)
	}
	if ctx.Current != "" {
		r.cur = ix.Find(ctx.Current)
	}
	return r
}

// read runs the reading steps in their order of precedence.
func (r *reader) read() {
	r.entities()
	r.details()
	r.findProducts()
	r.splitClauses()
	r.readActs()
	r.readChoices()
	r.readGroups()
	r.readQuestions()
	r.emitItems()
}

// claim marks tokens [i, j) as read as c. It reports false, claiming
// nothing, when one of them is already taken: a span is used by one
// mention only.
func (r *reader) claim(i, j int, c claim) bool {
	if i < 0 || j > len(r.toks) || i >= j {
		return false
	}
	for k := i; k < j; k++ {
		if r.owner[k] != free && !r.toks[k].punct {
			return false
		}
	}
	for k := i; k < j; k++ {
		if !r.toks[k].punct {
			r.owner[k] = c
		}
	}
	return true
}

// isFree reports whether token k is an unclaimed word.
func (r *reader) isFree(k int) bool {
	return k >= 0 && k < len(r.toks) && r.owner[k] == free && !r.toks[k].punct
}

// span is the Norm span of tokens [i, j).
func (r *reader) span(i, j int) Span {
	if i >= j || i < 0 || j > len(r.toks) {
		return Span{}
	}
	return Span{r.toks[i].start, r.toks[j-1].end}
}

// w returns the normalised word of token k, "" out of range.
func (r *reader) w(k int) string {
	if k < 0 || k >= len(r.toks) {
		return ""
	}
	return r.toks[k].w
}

// key returns the intent key of token k (see intentKey), "" out of range.
func (r *reader) key(k int) string {
	if k < 0 || k >= len(r.toks) || r.toks[k].punct {
		return ""
	}
	return r.keys[k]
}

// wordKey is the form keyword lists are compared in: intentKey, with an
// informal spelling left after "-nya" was dropped mapped too
// ("pesennya" -> "pesan").
func wordKey(w string) string {
	k := intentKey(w)
	if m, ok := slang[k]; ok {
		return m
	}
	return k
}

// raw returns the text as written from token i to token j-1.
func (r *reader) raw(i, j int) string {
	if i >= j {
		return ""
	}
	return r.text[r.toks[i].rawStart:r.toks[j-1].rawEnd]
}

// words joins the normalised words of tokens [i, j), punctuation left out.
func (r *reader) words(i, j int) string {
	var ws []string
	for k := i; k < j; k++ {
		if !r.toks[k].punct {
			ws = append(ws, r.toks[k].w)
		}
	}
	return strings.Join(ws, " ")
}

// lineEnd returns the index of the line break at or after k, or len(toks).
func (r *reader) lineEnd(k int) int {
	for ; k < len(r.toks); k++ {
		if r.toks[k].w == "\n" && r.toks[k].punct {
			return k
		}
	}
	return k
}

// lineStart returns the index of the first token of the line holding k.
func (r *reader) lineStart(k int) int {
	for k > 0 && !(r.toks[k-1].punct && r.toks[k-1].w == "\n") {
		k--
	}
	return k
}

// abbrevs are short words written with a dot that does not end a phrase.
var abbrevs = setOf(`jl jln no nmr kel kec kab kota prov rt rw gg kp ds dsn a n an tlp telp hp dr ir hj h st
	bpk ibu bu pak kav lt blok blk komp perum rp jend sdr sdri mr mrs ny tn`)

// abbrevDot reports whether the '.' at token k ends an abbreviation
// ("Jl.", "Kab.", "a.n.") rather than a phrase.
func (r *reader) abbrevDot(k int) bool {
	if k == 0 || r.toks[k-1].punct {
		return false
	}
	p := r.toks[k-1].low
	return abbrevs[p] || len([]rune(p)) == 1
}
