package bot

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode"
)

// ScriptLine is one event of a conversation script.
type ScriptLine struct {
	Line     int           // 1-based line number in the file
	Wait     time.Duration // a "~ D" line: advance the clock (0 for messages)
	Sender   string        // "owner" or phone digits
	PushName string
	Text     string
	Image    bool // "[gambar]" message
}

// maxScriptLines bounds a script so a huge file cannot exhaust memory.
const maxScriptLines = 100_000

// ParseScript reads the simulate script format (SPEC "Conversation script
// format"). Errors name the line.
func ParseScript(name string, r io.Reader) ([]ScriptLine, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1024*1024)
	var out []ScriptLine
	n := 0
	for sc.Scan() {
		n++
		if n > maxScriptLines {
			return nil, fmt.Errorf("%s:%d: script too long (max %d lines)", name, n, maxScriptLines)
		}
		raw := strings.TrimRight(sc.Text(), "\r")
		if n == 1 {
			raw = strings.TrimPrefix(raw, "\ufeff")
		}
		line := strings.TrimSpace(raw)
		switch {
		case line == "" || strings.HasPrefix(line, "#"):
			continue
		case strings.HasPrefix(line, "~"):
			d, err := parseWait(strings.TrimSpace(line[1:]))
			if err != nil {
				return nil, fmt.Errorf("%s:%d: %v", name, n, err)
			}
			out = append(out, ScriptLine{Line: n, Wait: d})
			continue
		}
		if s, ok := parseSender(line); ok {
			s.Line = n
			out = append(out, s)
			continue
		}
		// A continuation of the previous message (a pasted multi-line text).
		if len(out) == 0 || out[len(out)-1].Wait != 0 {
			return nil, fmt.Errorf("%s:%d: expected \"sender: text\", \"~ duration\" or \"# comment\"", name, n)
		}
		prev := &out[len(out)-1]
		prev.Text += "\n" + raw
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s:%d: %w", name, n+1, err)
	}
	return out, nil
}

// parseSender reads "owner: text", "6281… (Name): text", "+6281…: text".
func parseSender(line string) (ScriptLine, bool) {
	colon := strings.IndexByte(line, ':')
	if colon <= 0 {
		return ScriptLine{}, false
	}
	head, text := strings.TrimSpace(line[:colon]), strings.TrimSpace(line[colon+1:])
	var s ScriptLine
	if open := strings.IndexByte(head, '('); open >= 0 {
		if !strings.HasSuffix(head, ")") {
			return ScriptLine{}, false
		}
		s.PushName = strings.TrimSpace(head[open+1 : len(head)-1])
		head = strings.TrimSpace(head[:open])
	}
	switch {
	case strings.EqualFold(head, "owner"):
		s.Sender = "owner"
	default:
		digits := strings.TrimPrefix(head, "+")
		if len(digits) < 5 || len(digits) > 20 || strings.IndexFunc(digits, func(r rune) bool { return r < '0' || r > '9' }) >= 0 {
			return ScriptLine{}, false
		}
		s.Sender = digits
	}
	if rest, ok := strings.CutPrefix(text, "[gambar]"); ok {
		s.Image = true
		text = strings.TrimSpace(rest)
	}
	s.Text = text
	return s, true
}

// parseWait reads "90m", "26h", "5d", "2s", "1h30m".
func parseWait(s string) (time.Duration, error) {
	if s == "" {
		return 0, fmt.Errorf("~ needs a duration such as 90m, 26h or 5d")
	}
	var total time.Duration
	rest := s
	for rest != "" {
		i := strings.IndexFunc(rest, func(r rune) bool { return !unicode.IsDigit(r) })
		if i <= 0 || i == len(rest) {
			return 0, fmt.Errorf("%q is not a duration (use s, m, h or d, e.g. 26h)", s)
		}
		n, err := strconv.ParseInt(rest[:i], 10, 64)
		if err != nil || n > 100000 {
			return 0, fmt.Errorf("%q is too long a duration", s)
		}
		var unit time.Duration
		switch rest[i] {
		case 's':
			unit = time.Second
		case 'm':
			unit = time.Minute
		case 'h':
			unit = time.Hour
		case 'd':
			unit = 24 * time.Hour
		default:
			return 0, fmt.Errorf("%q: unknown unit %q (use s, m, h or d)", s, rest[i])
		}
		total += time.Duration(n) * unit
		rest = strings.TrimSpace(rest[i+1:])
	}
	if total > 366*24*time.Hour {
		return 0, fmt.Errorf("%q: at most a year", s)
	}
	return total, nil
}
