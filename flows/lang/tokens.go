package lang

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// token is one word or one meaningful punctuation mark of a message.
type token struct {
	raw   string // as written (NFKC), for names and addresses
	low   string // lower case, letters repeated three times or more folded, no slang mapping
	w     string // the normalised word: informal spellings mapped (see Normalize)
	punct bool   // a punctuation mark: , . ? ! : ; & + @ / ( ) or "\n" for a line break
	// Byte offsets of raw in the (NFKC) text, and of w in Reading.Norm.
	rawStart, rawEnd int
	start, end       int
}

// isSep reports whether the token is punctuation that ends a phrase.
func (t *token) isSep() bool { return t.punct && t.w != "&" && t.w != "+" && t.w != "@" }

// prepText caps the text, maps the thumbs-up and folded hands to words and
// applies NFKC: the text tokens' raw spans refer to.
//
// Format characters (zero-width spaces and joiners, soft hyphens, bidi
// marks) are dropped first: they hide inside words ("pash\u200bmina") and
// glue emoji together, and are never part of what a buyer means.
func prepText(text string) string {
	text = capRunes(strings.ToValidUTF8(text, ""), MaxParseRunes)
	text = strings.Map(func(r rune) rune {
		if unicode.Is(unicode.Cf, r) {
			return -1
		}
		return r
	}, text)
	text = okWords(text)
	text = thanksEmoji.Replace(text)
	return norm.NFKC.String(text)
}

var thanksEmoji = strings.NewReplacer("🙏", " makasih ")

// apostrophes are dropped inside a word ("jum'at").
var apostrophes = strings.NewReplacer("'", "", "’", "", "`", "")

// tokenize splits prepared text (see prepText) into tokens. Inside a word it keeps '.' and ','
// between digits ("1,5jt", "45.000", "3.5mm"), '-' and '&' between letters
// or digits ("masing-masing", "type-c", "0812-3456", "j&t") and '/' between
// digits ("01/02"); an apostrophe inside a word is dropped ("jum'at").
// Emoji are dropped except the thumbs-up and OK signs, read as "oke".
func tokenize(text string) (string, []token) {
	var toks []token
	rs := []rune(text)
	offs := make([]int, len(rs)+1)
	{
		b := 0
		for i, r := range rs {
			offs[i] = b
			b += utf8.RuneLen(r)
		}
		offs[len(rs)] = b
	}
	isAlnum := func(k int) bool {
		return k >= 0 && k < len(rs) && (unicode.IsLetter(rs[k]) || unicode.IsDigit(rs[k]) || unicode.Is(unicode.Mn, rs[k]))
	}
	isDigit := func(k int) bool { return k >= 0 && k < len(rs) && unicode.IsDigit(rs[k]) }
	// A word starts with a letter or a digit, or with a minus glued to a
	// digit ("-3", kept so that a negative quantity is seen and refused); a
	// mark alone (an emoji's variation selector) is no word.
	starts := func(k int) bool {
		if k < 0 || k >= len(rs) {
			return false
		}
		if rs[k] == '-' {
			return isDigit(k+1) && (k == 0 || unicode.IsSpace(rs[k-1]) || rs[k-1] == '(' || rs[k-1] == ':')
		}
		return unicode.IsLetter(rs[k]) || unicode.IsDigit(rs[k])
	}
	for i := 0; i < len(rs); {
		r := rs[i]
		switch {
		case unicode.Is(unicode.Cf, r) || r == utf8.RuneError:
			i++
		case r == '\n' || r == '\r':
			if n := len(toks); n == 0 || toks[n-1].w != "\n" {
				toks = append(toks, token{raw: "\n", low: "\n", w: "\n", punct: true, rawStart: offs[i], rawEnd: offs[i+1]})
			}
			i++
		case unicode.IsSpace(r):
			i++
		case starts(i):
			j := i
			if rs[j] == '-' {
				j++
			}
			for j < len(rs) {
				if isAlnum(j) {
					j++
					continue
				}
				c := rs[j]
				inner := false
				switch c {
				case '.', ',', '_':
					inner = isDigit(j-1) && isDigit(j+1)
				case '-', '&':
					inner = isAlnum(j-1) && isAlnum(j+1)
				case '/':
					inner = isDigit(j-1) && isDigit(j+1)
				case '\'', '’', '`':
					inner = isAlnum(j-1) && isAlnum(j+1) && unicode.IsLetter(rs[j+1])
				}
				if !inner {
					break
				}
				j++
			}
			raw := string(rs[i:j])
			low := raw
			if strings.IndexByte(low, '\'') >= 0 || strings.IndexByte(low, '`') >= 0 || strings.Contains(low, "’") {
				low = apostrophes.Replace(low)
			}
			low = foldLetters(strings.ToLower(low))
			low = strings.Map(func(r rune) rune { d, _ := asciiDigit(r); return d }, low) // "٣" is 3
			toks = append(toks, token{raw: raw, low: low, w: slangWord(low), rawStart: offs[i], rawEnd: offs[j]})
			i = j
		case r == '.' && i > 0 && unicode.IsLetter(rs[i-1]) && isDigit(i+1):
			i++ // "lv.3", "no.5": the dot joins nothing
		case strings.ContainsRune(",.?!:;&+@/()=", r) || r == '？' || r == '！':
			p := string(r)
			switch r {
			case '？':
				p = "?"
			case '！':
				p = "!"
			}
			// Runs of the same mark are one ("???", "...").
			if n := len(toks); n == 0 || toks[n-1].w != p || toks[n-1].rawEnd != offs[i] {
				toks = append(toks, token{raw: string(r), low: p, w: p, punct: true, rawStart: offs[i], rawEnd: offs[i+1]})
			} else {
				toks[n-1].rawEnd = offs[i+1]
				toks[n-1].raw = text[toks[n-1].rawStart:toks[n-1].rawEnd]
			}
			i++
		default:
			i++ // other symbols and emoji
		}
	}
	// Norm and spans.
	var b strings.Builder
	for k := range toks {
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		toks[k].start = b.Len()
		b.WriteString(toks[k].w)
		toks[k].end = b.Len()
	}
	return b.String(), toks
}

// foldLetters drops a letter repeated a third time or more ("kaaak" ->
// "kak"), as Normalize does.
func foldLetters(w string) string {
	var last rune
	run := 0
	for _, r := range w {
		if r == last {
			run++
		} else {
			run, last = 1, r
		}
		if run > 2 && unicode.IsLetter(r) || r == utf8.RuneError {
			return foldLettersSlow(w)
		}
	}
	return w // nothing to fold: the common case, without allocating
}

func foldLettersSlow(w string) string {
	var b strings.Builder
	var last rune
	run := 0
	for _, r := range w {
		if r == last {
			run++
		} else {
			run, last = 1, r
		}
		if run > 2 && unicode.IsLetter(r) {
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// slangWord maps an informal spelling to its canonical word, as Normalize.
func slangWord(w string) string {
	if m, ok := slang[w]; ok {
		return m
	}
	if folded := foldPairs(w); folded != w {
		if m, ok := slang[folded]; ok {
			return m
		}
	}
	return w
}
