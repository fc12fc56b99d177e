package flows

import (
	"slices"
	"sync"
	"sync/atomic"

	"github.com/pesanbot/pesanbot/flows/lang"
)

// derived keeps the few most recent values built from a shop's or a
// catalogue's content (the reader's catalogue index, the shipping areas),
// so that a turn finds them built when the content is the same as an
// earlier turn's, even on a new *Catalog (the store loads the catalogue
// again when stock changes) or a copied Shop. Values are immutable and
// shared by concurrent turns; lookups take no lock. Nothing derived from a
// message is kept here.
type derived[K, V any] struct {
	mu      sync.Mutex // serialises adds
	entries atomic.Pointer[[]derivedEntry[K, V]]
}

type derivedEntry[K, V any] struct {
	key K
	val V
}

// derivedKeep is how many contents are kept: a process serves one shop;
// tests and tools may read a few.
const derivedKeep = 8

// get returns the value of the first entry whose key matches.
func (d *derived[K, V]) get(match func(K) bool) (V, bool) {
	if es := d.entries.Load(); es != nil {
		for _, e := range *es {
			if match(e.key) {
				return e.val, true
			}
		}
	}
	var zero V
	return zero, false
}

// add puts a value first, dropping the oldest beyond derivedKeep.
func (d *derived[K, V]) add(key K, val V) {
	d.mu.Lock()
	defer d.mu.Unlock()
	es := []derivedEntry[K, V]{{key, val}}
	if old := d.entries.Load(); old != nil {
		es = append(es, (*old)[:min(len(*old), derivedKeep-1)]...)
	}
	d.entries.Store(&es)
}

// areaSet is a shop's shipping areas: their names and aliases in order
// (what lang.Context.Areas takes) and read for lang.
type areaSet struct {
	names []string // read-only, shared: its capacity is its length
	areas *lang.Areas
}

// shopAreas are the areaSets of shops' shipping areas, keyed by the names.
var shopAreas derived[[]string, areaSet]

// areasOf returns the shop's shipping areas.
func areasOf(s *Shop) areaSet {
	same := func(names []string) bool {
		k := 0
		for _, r := range s.Shipping.Rates {
			if k >= len(names) || names[k] != r.Area {
				return false
			}
			k++
			for _, a := range r.Aliases {
				if k >= len(names) || names[k] != a {
					return false
				}
				k++
			}
		}
		return k == len(names)
	}
	if a, ok := shopAreas.get(same); ok {
		return a
	}
	names := slices.Clip(shopAreaNames(s))
	a := areaSet{names: names, areas: lang.NewAreas(names)}
	shopAreas.add(slices.Clone(names), a)
	return a
}

// shopAreaNames lists the shop's shipping areas, each followed by its
// aliases.
func shopAreaNames(s *Shop) []string {
	var out []string
	for _, r := range s.Shipping.Rates {
		out = append(out, r.Area)
		out = append(out, r.Aliases...)
	}
	return out
}

// catalogIndexes are the reader's indexes of catalogues, keyed by what
// lang.Index reads of each product: its SKU, name, category, aliases and
// variant names, in order. Prices and stock are no part of it.
var catalogIndexes derived[[]lang.Product, *lang.Index]

// indexOf returns the lang index of the products, built once per content.
func indexOf(products []Product) *lang.Index {
	same := func(ps []lang.Product) bool {
		if len(ps) != len(products) {
			return false
		}
		for i := range ps {
			p, q := &ps[i], &products[i]
			if p.SKU != q.SKU || p.Name != q.Name || p.Category != q.Category || !slices.Equal(p.Aliases, q.Aliases) || len(p.Variants) != len(q.Variants) {
				return false
			}
			for k := range p.Variants {
				if p.Variants[k] != q.Variants[k].Name {
					return false
				}
			}
		}
		return true
	}
	if ix, ok := catalogIndexes.get(same); ok {
		return ix
	}
	ps := make([]lang.Product, len(products))
	for i := range products {
		ps[i] = products[i].langProduct()
		ps[i].Aliases = slices.Clone(ps[i].Aliases)
	}
	ix := lang.NewIndex(ps)
	catalogIndexes.add(ps, ix)
	return ix
}
