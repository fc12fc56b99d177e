package lang

// Levenshtein returns the edit distance (insertions, deletions,
// substitutions) between a and b, counted in runes so that one accented or
// non-Latin letter is one edit. It keeps one row, of the shorter string.
func Levenshtein(a, b string) int {
	// Words are short: their runes and the row stay on the stack.
	var bufA, bufB [32]rune
	var bufRow [33]int
	ra, rb := appendRunes(bufA[:0], a), appendRunes(bufB[:0], b)
	if len(ra) < len(rb) {
		ra, rb = rb, ra
	}
	row := bufRow[:0]
	if len(rb)+1 > len(bufRow) {
		row = make([]int, len(rb)+1)
	} else {
		row = row[:len(rb)+1]
	}
	for j := range row {
		row[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		diag := row[0] // the value of row[j-1] in the previous row
		row[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			next := min(row[j]+1, row[j-1]+1, diag+cost)
			diag, row[j] = row[j], next
		}
	}
	return row[len(rb)]
}

// JaroWinkler returns the Jaro-Winkler similarity of a and b in [0, 1],
// 1 for equal strings. It rewards a shared prefix (up to four runes), which
// suits typos in product names: customers get the start of a word right.
func JaroWinkler(a, b string) float64 {
	var bufA, bufB [32]rune
	ra, rb := appendRunes(bufA[:0], a), appendRunes(bufB[:0], b)
	if len(ra) == 0 && len(rb) == 0 {
		return 1
	}
	if len(ra) == 0 || len(rb) == 0 {
		return 0
	}
	window := max(len(ra), len(rb))/2 - 1
	if window < 0 {
		window = 0
	}
	var bufMA, bufMB [32]bool
	ma, mb := boolsOf(bufMA[:0], len(ra)), boolsOf(bufMB[:0], len(rb))
	matches := 0
	for i := range ra {
		lo, hi := max(0, i-window), min(len(rb)-1, i+window)
		for j := lo; j <= hi; j++ {
			if !mb[j] && ra[i] == rb[j] {
				ma[i], mb[j] = true, true
				matches++
				break
			}
		}
	}
	if matches == 0 {
		return 0
	}
	// Transpositions: matched runes that appear in a different order.
	half, j := 0, 0
	for i := range ra {
		if !ma[i] {
			continue
		}
		for !mb[j] {
			j++
		}
		if ra[i] != rb[j] {
			half++
		}
		j++
	}
	m := float64(matches)
	jaro := (m/float64(len(ra)) + m/float64(len(rb)) + (m-float64(half/2))/m) / 3
	prefix := 0
	for prefix < min(4, len(ra), len(rb)) && ra[prefix] == rb[prefix] {
		prefix++
	}
	return jaro + float64(prefix)*0.1*(1-jaro)
}

// appendRunes appends the runes of s to buf, as []rune(s) would give them
// (an invalid byte is one utf8.RuneError).
func appendRunes(buf []rune, s string) []rune {
	for _, r := range s {
		buf = append(buf, r)
	}
	return buf
}

// boolsOf returns n false values in buf's storage when it has room.
func boolsOf(buf []bool, n int) []bool {
	if n > cap(buf) {
		return make([]bool, n)
	}
	return buf[:n]
}
