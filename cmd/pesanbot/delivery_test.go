package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
)

// After shipping without a tracker: the check-in, "sudah", the rating.
// orders --json carries rating and its comment, summary --json the csat.
func TestRatingInJSON(t *testing.T) {
	data := filepath.Join(t.TempDir(), "data")
	if _, err := pesanbot(t, data, "catalog", "import", filepath.Join(examples, "catalog.csv"), "--replace"); err != nil {
		t.Fatal(err)
	}
	simulateScript(t, data, `6281234500071 (Rina): mau gamis aisyah hitam M 1
6281234500071: Rina, Jl. Melati 1 Sleman DIY 55281, 081234500071, jne
6281234500071: ya
6281234500072 (Dewi): mau gamis aisyah hitam M 1
6281234500072: Dewi, Jl. Mawar 2 Sleman DIY 55281, 081234500072, jne
6281234500072: ya
owner: /lunas 1
owner: /lunas 2
owner: /kirim 1 JNE R1
owner: /kirim 2 JNE R2
~ 3d
6281234500071: sudah kak
6281234500072: sudah sampai kak
~ 2h
6281234500071: 5, bagus banget
6281234500072: bintang 4
`)
	orders := ordersOf(t, data)
	raw, err := pesanbot(t, data, "orders", "--json")
	if err != nil {
		t.Fatal(err)
	}
	byID := map[int64]jsonOrder{}
	for _, o := range orders {
		byID[o.ID] = o
	}
	if o := byID[1]; o.Status != "completed" || o.Rating != 5 || o.RatingComment != "bagus banget" {
		t.Fatalf("order 1: status %s rating %d %q\n%s", o.Status, o.Rating, o.RatingComment, raw)
	}
	if o := byID[2]; o.Rating != 4 || o.RatingComment != "" || strings.Count(raw, `"rating_comment"`) != 1 {
		t.Fatalf("order 2: rating %d %q; rating_comment must be left out when empty\n%s", o.Rating, o.RatingComment, raw)
	}
	out, err := pesanbot(t, data, "summary", "--json", "--date", "2026-11-29")
	if err != nil {
		t.Fatal(err)
	}
	var s struct {
		CSAT *struct {
			Count   int     `json:"count"`
			Average float64 `json:"average"`
		} `json:"csat"`
	}
	if err := json.Unmarshal([]byte(out), &s); err != nil {
		t.Fatal(err)
	}
	if s.CSAT == nil || s.CSAT.Count != 2 || s.CSAT.Average != 4.5 {
		t.Fatalf("summary csat = %+v\n%s", s.CSAT, out)
	}
	out, err = pesanbot(t, data, "summary", "--json", "--date", "2026-11-26")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, `"csat":{"count":0,"average":0}`) {
		t.Fatalf("a day without ratings: %s", out)
	}
}
