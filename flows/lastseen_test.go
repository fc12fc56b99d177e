package flows

import (
	"encoding/json"
	"strings"
	"testing"
	"time"
)

// TestStateKeepsTheDay: the state remembers the day the customer last
// wrote (the first turn of it), so a turn that changes nothing else leaves
// the state as it was (the store then writes no row) and the next day's
// first message is still greeted as one.
func TestStateKeepsTheDay(t *testing.T) {
	shop := fuzzShop()
	v := newFuzzView()
	turn := func(st State, text string, at time.Time) (State, string) {
		t.Helper()
		res := Handle(shop, st, Input{Customer: v.customers[0], Text: text, At: at}, v)
		var out []string
		for _, r := range res.Replies {
			if r.To == "" {
				out = append(out, r.Text)
			}
		}
		raw, err := json.Marshal(res.State)
		if err != nil {
			t.Fatal(err)
		}
		var next State
		if err := json.Unmarshal(raw, &next); err != nil {
			t.Fatal(err)
		}
		return next, strings.Join(out, "\n")
	}
	morning := time.Date(2026, 11, 26, 2, 0, 0, 0, time.UTC) // 09:00 WIB
	st, first := turn(State{}, "halo kak", morning)
	if !st.LastSeen.Equal(morning) {
		t.Fatalf("last seen %v after the day's first message, want %v", st.LastSeen, morning)
	}
	again, later := turn(st, "halo kak", morning.Add(3*time.Hour))
	a, _ := json.Marshal(st)
	b, _ := json.Marshal(again)
	if string(a) != string(b) {
		t.Errorf("a second greeting the same day changed the state:\n%s\n%s", a, b)
	}
	tomorrow := morning.Add(24 * time.Hour)
	next, greeted := turn(again, "halo kak", tomorrow)
	if !next.LastSeen.Equal(tomorrow) {
		t.Errorf("last seen %v after the next day's first message, want %v", next.LastSeen, tomorrow)
	}
	line := func(s string) string { l, _, _ := strings.Cut(s, "\n"); return l }
	if line(greeted) != line(first) || line(later) == line(first) {
		t.Errorf("welcomes: first day %q, later that day %q, next day %q; want the first and the next day's alike", line(first), line(later), line(greeted))
	}
}

// TestStateJSONLeavesZerosOut: a state's JSON carries no zero times or
// empty details, and a state stored before (with them) reads the same.
func TestStateJSONLeavesZerosOut(t *testing.T) {
	st := State{Step: StepCart, LastSeen: time.Date(2026, 11, 26, 2, 0, 0, 0, time.UTC), Privacy: true}
	raw, err := json.Marshal(st)
	if err != nil {
		t.Fatal(err)
	}
	for _, zero := range []string{"0001-01-01", `"details"`, `"last"`, `"waiting"`, `"media_note"`} {
		if strings.Contains(string(raw), zero) {
			t.Errorf("state JSON carries %s: %s", zero, raw)
		}
	}
	old := `{"step":"cart","details":{},"last":{},"last_seen":"2026-11-26T02:00:00Z","media_note":"0001-01-01T00:00:00Z","privacy":true,"waiting":"0001-01-01T00:00:00Z"}`
	var back State
	if err := json.Unmarshal([]byte(old), &back); err != nil {
		t.Fatal(err)
	}
	again, _ := json.Marshal(back)
	if string(again) != string(raw) {
		t.Errorf("a state stored before reads as %s, want %s", again, raw)
	}
}
