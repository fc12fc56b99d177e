package lang

import (
	"slices"
	"strings"
	"sync"
	"sync/atomic"
)

// areaWords are the words of a list of configured areas (Context.Areas),
// worked out once per list rather than once per message: the same shop
// gives the same list to every message. Immutable once built.
type areaWords struct {
	names  []string
	toks   [][]string // each area's place words (placeTokens)
	fields [][]string // each area's words, lower case, split at spaces
}

// areaLists keeps the few most recent lists (a process serves one shop;
// tests and tools read a few); lookups take no lock.
var areaLists struct {
	mu   sync.Mutex // serialises adds
	list atomic.Pointer[[]*areaWords]
}

// areaWordsOf returns the words of the areas, built on first use.
func areaWordsOf(names []string) *areaWords {
	if l := areaLists.list.Load(); l != nil {
		for _, a := range *l {
			if slices.Equal(a.names, names) {
				return a
			}
		}
	}
	a := &areaWords{names: slices.Clone(names), toks: make([][]string, len(names)), fields: make([][]string, len(names))}
	for i, n := range names {
		a.toks[i] = placeTokens(n)
		a.fields[i] = strings.Fields(strings.ToLower(n))
	}
	areaLists.mu.Lock()
	defer areaLists.mu.Unlock()
	l := []*areaWords{a}
	if old := areaLists.list.Load(); old != nil {
		l = append(l, (*old)[:min(len(*old), 7)]...)
	}
	areaLists.list.Store(&l)
	return a
}
