package lang

import (
	"math"
	"strings"
	"sync"
)

// Product is what the reader knows of one catalogue product: the words it
// is known by. Prices, stock and weights are the caller's business.
type Product struct {
	SKU, Name, Category string
	Aliases             []string
	// Variants are the variant names in the catalogue's order ("Hitam / M",
	// "Level 3 / 100gr"; "" or "All Size" for a single-variant product).
	Variants []string
}

// Index is a catalogue prepared for reading: names, aliases and variant
// words normalised once. Build it once per catalogue with NewIndex; it is
// read-only afterwards and safe to share.
type Index struct {
	products []Product
	names    [][][]string      // per product: name and aliases, as words
	variants []map[string]bool // per product: its distinctive variant words
	parts    [][][][]string    // per product, per variant: its parts' canonical words
	vwords   []map[string]bool // per product: every canonical word of its variants
	df       map[string]int    // how many products use a word anywhere
	vocab    map[string]bool   // every variant word of the shop, hyphenated words also split
	n        float64

	// Derived once, on first use, for the reader's product search (see
	// search and productHits).
	searchOnce sync.Once
	targets    [][]string             // per product: its SKU and names written together, compacted
	targetOf   map[string][]targetUse // who has each target: products in order, with how many times
	nameSet    [][]nameInfo           // per product: its names' words with their weights
}

// targetUse is a product that has a target, n times.
type targetUse struct{ p, n int }

// nameInfo is one name (or alias) of a product prepared for productHits.
type nameInfo struct {
	words   []string
	idf     []float64 // ix.idf of each word
	total   float64   // their sum
	content []bool    // the word is no chat, variant or counting word
	// firsts marks the first bytes of the words: a text word with another
	// first byte matches none of them (see wordSim). All set when a word
	// is empty.
	firsts [4]uint64
}

// mayStart reports whether a text word may match a word of the name:
// false only when it surely matches none, its first letter (ASCII) being
// the first of none of the name's words (see wordSim).
func (ni *nameInfo) mayStart(w string) bool {
	return len(w) == 0 || w[0] >= 0x80 || ni.firsts[w[0]>>6]&(1<<(w[0]&63)) != 0
}

// NewIndex prepares the products for matching and reading.
func NewIndex(ps []Product) *Index {
	ix := &Index{products: ps, df: map[string]int{}, vocab: map[string]bool{}, n: float64(len(ps))}
	// Shops repeat the same variant names ("Hitam / M") across products.
	cache := map[string][][]string{}
	for i := range ps {
		p := &ps[i]
		names, vw, all := productNames(p), map[string]bool{}, map[string]bool{}
		seen := map[string]bool{}
		var parts [][][]string
		for _, v := range p.Variants {
			vp, ok := cache[v]
			if !ok {
				vp = variantPartsOf([]string{v})[0]
				cache[v] = vp
			}
			parts = append(parts, vp)
			for _, part := range vp {
				for _, w := range part {
					seen[w] = true
					all[w] = true
					ix.vocab[w] = true
					if strings.Contains(w, "-") {
						for _, x := range strings.Split(w, "-") {
							all[x], ix.vocab[x] = true, true
						}
						all[compact(w)], ix.vocab[compact(w)] = true, true
					}
					if !genericVariantWords[w] {
						vw[w] = true
					}
				}
			}
		}
		for _, n := range names {
			for _, w := range n {
				seen[w] = true
			}
		}
		for w := range seen {
			ix.df[w]++
		}
		ix.names, ix.variants = append(ix.names, names), append(ix.variants, vw)
		ix.parts, ix.vwords = append(ix.parts, parts), append(ix.vwords, all)
	}
	return ix
}

// search returns what the reader's product search needs of the index,
// prepared on the first message read with it (MatchProduct needs none of
// it); safe for concurrent readers.
func (ix *Index) search() *Index {
	ix.searchOnce.Do(ix.prepareSearch)
	return ix
}

func (ix *Index) prepareSearch() {
	ps := ix.products
	ix.targets, ix.nameSet = make([][]string, len(ps)), make([][]nameInfo, len(ps))
	ix.targetOf = make(map[string][]targetUse, 2*len(ps))
	for p := range ps {
		if sku := compact(ps[p].SKU); len(sku) >= 3 {
			ix.targets[p] = append(ix.targets[p], sku)
		}
		ix.nameSet[p] = make([]nameInfo, 0, len(ix.names[p]))
		for _, name := range ix.names[p] {
			if c := compact(name...); len(c) >= 3 && hasContent(name) {
				ix.targets[p] = append(ix.targets[p], c)
			}
			ni := nameInfo{words: name, idf: make([]float64, len(name)), content: make([]bool, len(name))}
			for k, w := range name {
				if w == "" {
					ni.firsts = [4]uint64{^uint64(0), ^uint64(0), ^uint64(0), ^uint64(0)}
				} else {
					ni.firsts[w[0]>>6] |= 1 << (w[0] & 63)
				}
				ni.idf[k] = ix.idf(w)
				ni.total += ni.idf[k]
				ni.content[k] = !chatWords[w] && !isVariantWord(w) && qtyWords1[w] == 0
			}
			ix.nameSet[p] = append(ix.nameSet[p], ni)
		}
		for _, t := range ix.targets[p] {
			uses := ix.targetOf[t]
			if n := len(uses); n > 0 && uses[n-1].p == p {
				uses[n-1].n++
			} else {
				ix.targetOf[t] = append(uses, targetUse{p, 1})
			}
		}
	}
}

// Len is the number of products.
func (ix *Index) Len() int {
	if ix == nil {
		return 0
	}
	return len(ix.products)
}

// Product returns the i-th product as given to NewIndex.
func (ix *Index) Product(i int) Product { return ix.products[i] }

// Find returns the index of the product with the SKU (case-insensitive), -1 when none.
func (ix *Index) Find(sku string) int {
	for i := range ix.Len() {
		if strings.EqualFold(ix.products[i].SKU, sku) {
			return i
		}
	}
	return -1
}

// idf weighs a word by how few products use it (in names, aliases or
// variants): "gamis" in a shop of gamis says little.
func (ix *Index) idf(w string) float64 {
	return math.Log(1 + ix.n/float64(max(1, ix.df[w])))
}

// productNames returns the product's name and aliases as word lists.
func productNames(p *Product) [][]string {
	names := [][]string{matchWords(p.Name)}
	for _, a := range p.Aliases {
		if ws := matchWords(a); len(ws) > 0 {
			names = append(names, ws)
		}
	}
	return names
}
