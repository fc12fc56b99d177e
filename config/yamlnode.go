package config

import (
	"github.com/pesanbot/pesanbot/flows/lang"

	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// decoder walks a shop.yaml node tree; every error it returns names the
// file, the line and the key path.
type decoder struct{ file string }

// handler decodes the value of one key; path is the full key path.
type handler func(path string, v *yaml.Node) error

func (d *decoder) errAt(n *yaml.Node, path string, sentinel error, format string, args ...any) error {
	line := 0
	if n != nil {
		line = n.Line
	}
	return shopErr(d.file, line, path, sentinel, format, args...)
}

// deref follows YAML aliases (*name) to the node they point at.
func deref(n *yaml.Node) *yaml.Node {
	for i := 0; n != nil && n.Kind == yaml.AliasNode && i < 100; i++ {
		n = n.Alias
	}
	return n
}

// isNull reports a key written with no value (`hold:`), `~` or `null`.
func isNull(n *yaml.Node) bool {
	return n == nil || (n.Kind == yaml.ScalarNode && n.Tag == "!!null")
}

// fields walks the mapping n in document order and hands each value to the
// handler of its key. Keys are matched case-insensitively; unknown and
// repeated keys are errors. An empty value (`payment:`) is an empty mapping.
func (d *decoder) fields(path string, n *yaml.Node, handlers map[string]handler) error {
	n = deref(n)
	if isNull(n) {
		return nil
	}
	if n.Kind != yaml.MappingNode {
		return d.errAt(n, path, ErrBadValue, "harus berisi pasangan kunci: nilai (%s)", strings.Join(sortedKeys(handlers), ", "))
	}
	seen := make(map[string]int)
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := deref(n.Content[i]), n.Content[i+1]
		if k == nil || k.Kind != yaml.ScalarNode {
			return d.errAt(n.Content[i], path, ErrBadValue, "kunci harus berupa teks")
		}
		name := strings.ToLower(strings.TrimSpace(k.Value))
		p := joinPath(path, name)
		if first, dup := seen[name]; dup {
			return d.errAt(k, p, ErrDuplicate, "ditulis dua kali (pertama di baris %d)", first)
		}
		seen[name] = k.Line
		h, ok := handlers[name]
		if !ok {
			return d.errAt(k, p, ErrUnknownKey, "%s", unknownKeyMsg(name, handlers))
		}
		if err := h(p, v); err != nil {
			return err
		}
	}
	return nil
}

// sequence returns the items of a list; a single scalar counts as a list of
// one, so `owners: 0812…` works as well as `owners: [0812…]`.
func (d *decoder) sequence(path string, v *yaml.Node) ([]*yaml.Node, error) {
	v = deref(v)
	switch {
	case isNull(v):
		return nil, nil
	case v.Kind == yaml.SequenceNode:
		items := make([]*yaml.Node, len(v.Content))
		for i, it := range v.Content {
			items[i] = deref(it)
		}
		return items, nil
	case v.Kind == yaml.ScalarNode:
		return []*yaml.Node{v}, nil
	}
	return nil, d.errAt(v, path, ErrBadValue, "harus berupa daftar (- satu per baris)")
}

// text returns the trimmed text of a scalar; present is false for a null.
func (d *decoder) text(path string, v *yaml.Node, maxRunes int) (s string, present bool, err error) {
	v = deref(v)
	if isNull(v) {
		return "", false, nil
	}
	if v.Kind != yaml.ScalarNode {
		return "", false, d.errAt(v, path, ErrBadValue, "harus berupa satu nilai, bukan daftar")
	}
	s = strings.TrimSpace(v.Value)
	if n := utf8.RuneCountInString(s); n > maxRunes {
		return "", false, d.errAt(v, path, ErrTooLarge, "terlalu panjang (%d huruf, paling banyak %d)", n, maxRunes)
	}
	return s, true, nil
}

// str sets *dst to the value's text; a null leaves the default in place.
func (d *decoder) str(dst *string, maxRunes int) handler {
	return func(path string, v *yaml.Node) error {
		s, ok, err := d.text(path, v, maxRunes)
		if ok {
			*dst = s
		}
		return err
	}
}

// boolean accepts true/false and the usual yes/no words.
func (d *decoder) boolean(dst *bool) handler {
	return func(path string, v *yaml.Node) error {
		s, ok, err := d.text(path, v, 10)
		if err != nil || !ok {
			return err
		}
		switch strings.ToLower(s) {
		case "true", "yes", "ya", "on", "aktif":
			*dst = true
		case "false", "no", "tidak", "off", "nonaktif":
			*dst = false
		default:
			return d.errAt(v, path, ErrBadValue, "%q bukan true/false", s)
		}
		return nil
	}
}

// integer accepts a plain base-10 whole number in [lo, hi].
func (d *decoder) integer(dst *int, lo, hi int) handler {
	return func(path string, v *yaml.Node) error {
		s, ok, err := d.text(path, v, 20)
		if err != nil || !ok {
			return err
		}
		n, perr := strconv.Atoi(s)
		if perr != nil || n < lo || n > hi {
			return d.errAt(v, path, ErrBadValue, "%q harus bilangan bulat %d sampai %d", s, lo, hi)
		}
		*dst = n
		return nil
	}
}

// duration accepts Go durations plus whole days ("3d", "1d12h") in [lo, hi].
func (d *decoder) duration(dst *time.Duration, lo, hi time.Duration) handler {
	return func(path string, v *yaml.Node) error {
		s, ok, err := d.text(path, v, 40)
		if err != nil || !ok {
			return err
		}
		dur, perr := parseDuration(s)
		if perr != nil {
			return d.errAt(v, path, ErrBadValue, "%q bukan durasi (contoh: 24h, 90m, 3d)", s)
		}
		if dur < lo || dur > hi {
			return d.errAt(v, path, ErrBadValue, "%s di luar batas (%s sampai %s)", s, fmtDuration(lo), fmtDuration(hi))
		}
		*dst = dur
		return nil
	}
}

// price parses a rupiah amount with lang.ParsePrice.
func (d *decoder) price(dst *int64) handler {
	return func(path string, v *yaml.Node) error {
		s, ok, err := d.text(path, v, 40)
		if err != nil || !ok {
			return err
		}
		switch strings.ToLower(s) {
		case "0", "rp0", "rp 0", "gratis", "free":
			*dst = 0 // ParsePrice refuses zero; a free rate is fine here
			return nil
		}
		if strings.HasPrefix(s, "-") {
			return d.errAt(v, path, ErrBadValue, "%q: harga tidak boleh negatif", s)
		}
		p, perr := lang.ParsePrice(s)
		if perr != nil {
			return d.errAt(v, path, ErrBadValue, "%q bukan harga (contoh: 15000, 15rb, Rp15.000)", s)
		}
		if p < 0 {
			return d.errAt(v, path, ErrBadValue, "%q: harga tidak boleh negatif", s)
		}
		*dst = p
		return nil
	}
}

// parseDuration is time.ParseDuration with a leading whole-days part:
// "3d", "1d12h". Negative durations are refused.
func parseDuration(s string) (time.Duration, error) {
	var days time.Duration
	if i := strings.IndexByte(s, 'd'); i >= 0 {
		n, err := strconv.ParseUint(s[:i], 10, 16)
		if err != nil || !allDigits(s[:i]) || n > 3650 {
			return 0, ErrBadValue
		}
		days = time.Duration(n) * 24 * time.Hour
		s = s[i+1:]
		if s == "" {
			return days, nil
		}
	}
	if s == "" || s[0] == '-' || s[0] == '+' {
		return 0, ErrBadValue
	}
	dur, err := time.ParseDuration(s)
	if err != nil || dur < 0 {
		return 0, ErrBadValue
	}
	return days + dur, nil
}

// fmtDuration prints whole days as "3d" and the rest as Go does ("1h30m0s"
// trimmed to "1h30m").
func fmtDuration(d time.Duration) string {
	if d == 0 {
		return "0"
	}
	if d%(24*time.Hour) == 0 {
		return strconv.FormatInt(int64(d/(24*time.Hour)), 10) + "d"
	}
	s := d.String()
	if strings.HasSuffix(s, "m0s") {
		s = strings.TrimSuffix(s, "0s")
	}
	if strings.HasSuffix(s, "h0m") {
		s = strings.TrimSuffix(s, "0m")
	}
	return s
}

// parseClock reads "08:00", "8:00" or "08.00" as time since midnight;
// "24:00" is allowed so a day can end at midnight.
func parseClock(s string) (time.Duration, bool) {
	h, m, ok := strings.Cut(s, ":")
	if !ok {
		h, m, ok = strings.Cut(s, ".")
	}
	if !ok || len(h) < 1 || len(h) > 2 || len(m) != 2 || !allDigits(h) || !allDigits(m) {
		return 0, false
	}
	hh, _ := strconv.Atoi(h)
	mm, _ := strconv.Atoi(m)
	if mm > 59 || hh > 24 || (hh == 24 && mm != 0) {
		return 0, false
	}
	return time.Duration(hh)*time.Hour + time.Duration(mm)*time.Minute, true
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

func joinPath(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

func sortedKeys(m map[string]handler) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// unknownKeyMsg suggests the nearest known key, since most unknown keys are
// typos ("paymnet").
func unknownKeyMsg(name string, known map[string]handler) string {
	best, bestDist := "", 3
	for _, k := range sortedKeys(known) {
		if dist := editDistance(name, k); dist < bestDist {
			best, bestDist = k, dist
		}
	}
	if best != "" {
		return "kunci tidak dikenal; maksudnya " + strconv.Quote(best) + "?"
	}
	return "kunci tidak dikenal (yang dikenal: " + strings.Join(sortedKeys(known), ", ") + ")"
}

// editDistance is the optimal-string-alignment distance between two short
// keys: Levenshtein plus swapped neighbours ("hodl" -> "hold" is 1).
func editDistance(a, b string) int {
	if len(a) > 64 || len(b) > 64 {
		return 99
	}
	d := make([][]int, len(a)+1)
	for i := range d {
		d[i] = make([]int, len(b)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(a); i++ {
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(a)][len(b)]
}
