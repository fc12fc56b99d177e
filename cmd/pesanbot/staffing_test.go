package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

type workloadJSON struct {
	Orders          int     `json:"orders"`
	Days            int     `json:"days"`
	OrdersPerDay    float64 `json:"orders_per_day"`
	Messages        int     `json:"messages"`
	AfterHours      int     `json:"after_hours"`
	AfterHoursShare float64 `json:"after_hours_share"`
	StaffingAdvice  string  `json:"staffing_advice"`
	BusiestHours    []struct {
		Hour  int `json:"hour"`
		Count int `json:"count"`
	} `json:"busiest_hours"`
}

// TestSummaryStaffingThroughCLI: a shop with no staff takes 11 orders on
// one evening, part of it after closing time. That day's summary tells the
// owner one CS would help; the week's (two days of data) does not; the
// owner's "/ringkasan minggu" that evening says so on WhatsApp.
func TestSummaryStaffingThroughCLI(t *testing.T) {
	data := filepath.Join(t.TempDir(), "data")
	if err := os.MkdirAll(data, 0o700); err != nil {
		t.Fatal(err)
	}
	shopYAML := "name: Toko Sendiri\nowners: [\"081200000001\"]\ntimezone: WIB\nhours: {open: \"08:00\", close: \"21:00\", days: setiap hari}\n"
	if err := os.WriteFile(filepath.Join(data, "shop.yaml"), []byte(shopYAML), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := pesanbot(t, data, "catalog", "import", filepath.Join(examples, "catalog.csv"), "--replace"); err != nil {
		t.Fatal(err)
	}
	wib := time.FixedZone("WIB", 7*3600)
	now := time.Now().In(wib)
	yesterday := time.Date(now.Year(), now.Month(), now.Day()-1, 0, 0, 0, 0, wib)
	var script strings.Builder
	for i := range 11 {
		phone := fmt.Sprintf("62813000001%02d", i)
		fmt.Fprintf(&script, "%s (Pembeli %d): *FORMAT ORDER*\nNama : Pembeli %d\nNo HP : 0813-0000-01%02d\n", phone, i, i, i)
		fmt.Fprintf(&script, "Alamat : Jl. Mawar %d, Bekasi 17111\nPesanan :\n- kaos kaki jempol 1\nKurir : JNE\n", i+1)
		fmt.Fprintf(&script, "%s: betul kak\n", phone)
	}
	script.WriteString("owner: /ringkasan minggu\n")
	path := filepath.Join(t.TempDir(), "malam.txt")
	if err := os.WriteFile(path, []byte(script.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	start := yesterday.Add(20*time.Hour + 49*time.Minute) // 22 messages a minute apart: 11 before 21:00, 11 after
	out, err := pesanbot(t, data, "simulate", path, "--data", data, "--json", "--start", start.Format(time.RFC3339))
	if err != nil {
		t.Fatalf("simulate: %v\n%s", err, out)
	}
	if n := len(ordersOf(t, data)); n != 11 {
		t.Fatalf("%d orders, want 11", n)
	}

	summary := func(args ...string) workloadJSON {
		t.Helper()
		raw, err := pesanbot(t, data, append([]string{"summary", "--json"}, args...)...)
		if err != nil {
			t.Fatal(err)
		}
		var s workloadJSON
		if err := json.Unmarshal([]byte(raw), &s); err != nil {
			t.Fatalf("%v\n%s", err, raw)
		}
		for _, key := range []string{`"from"`, `"to"`, `"by_status"`, `"top_products"`, `"busiest_hours"`, `"unpaid"`, `"to_ship"`} {
			if !strings.Contains(raw, key) {
				t.Errorf("summary JSON lost %s", key)
			}
		}
		return s
	}
	day := summary("--date", yesterday.Format(time.DateOnly))
	if day.Orders != 11 || day.Days != 1 || day.OrdersPerDay != 11 {
		t.Errorf("day: %d orders over %d days = %v a day, want 11 over 1", day.Orders, day.Days, day.OrdersPerDay)
	}
	if day.Messages != 22 || day.AfterHours != 11 || day.AfterHoursShare != 0.5 {
		t.Errorf("day: %d messages, %d after hours (%v), want 22, 11 (0.5)", day.Messages, day.AfterHours, day.AfterHoursShare)
	}
	if !strings.Contains(day.StaffingAdvice, "lebih dari 10") || !strings.Contains(day.StaffingAdvice, "satu CS") {
		t.Errorf("day: advice %q, want one CS", day.StaffingAdvice)
	}
	if len(day.BusiestHours) != 2 || day.BusiestHours[0].Hour != 20 || day.BusiestHours[0].Count != 11 || day.BusiestHours[1].Hour != 21 {
		t.Errorf("day: busiest hours %+v, want 20.00 (11) then 21.00 (11)", day.BusiestHours)
	}

	week := summary("--week")
	if week.Days != 2 || week.OrdersPerDay != 5.5 || week.StaffingAdvice != "" {
		t.Errorf("week: %d days, %v a day, advice %q; want 2 days of data, 5.5, none", week.Days, week.OrdersPerDay, week.StaffingAdvice)
	}
	text, err := pesanbot(t, data, "summary", "--week")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Rata-rata: 5,5 pesanan/hari", "Chat di luar jam kerja: 50% (11 dari 22)", "Jam ramai: 20.00, 21.00"} {
		if !strings.Contains(text, want) {
			t.Errorf("summary --week lacks %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, "💡") {
		t.Errorf("advice at 5,5 a day:\n%s", text)
	}

	// On WhatsApp that evening the week so far is that one day: 11 a day.
	ringkasan := repliesTo(parseEvents(t, out), owner)
	if !anyContains(ringkasan, "Ringkasan", "Rata-rata: 11 pesanan/hari", "💡", "satu CS") {
		t.Errorf("/ringkasan minggu does not advise a CS:\n%s", strings.Join(ringkasan, "\n---\n"))
	}
}

func parseEvents(t *testing.T, out string) []eventJSON {
	t.Helper()
	var events []eventJSON
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		var ev eventJSON
		if err := json.Unmarshal([]byte(line), &ev); err != nil {
			t.Fatalf("bad JSON line %q: %v", line, err)
		}
		events = append(events, ev)
	}
	return events
}
