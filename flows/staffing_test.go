package flows

import (
	"strings"
	"testing"
	"time"
)

func staffShop(cs, gudang int, st Staffing) *Shop {
	s := &Shop{Name: "Toko Uji", Owners: []string{"6281200000001"}, Staffing: st}
	for i := range cs {
		s.Staff = append(s.Staff, Staff{Phone: "62812000001" + string(rune('0'+i)), Role: RoleCS})
	}
	for i := range gudang {
		s.Staff = append(s.Staff, Staff{Phone: "62812000002" + string(rune('0'+i)), Role: RoleGudang})
	}
	return s
}

func TestStaffingAdviceEdges(t *testing.T) {
	def := Staffing{OneCSAbove: 10, TwoCSAbove: 30}
	cases := []struct {
		name       string
		cs, gudang int
		st         Staffing
		perDay     float64
		want       []string // "" entries: no advice
	}{
		{"alone at 10 a day", 0, 0, def, 10, nil},
		{"alone just above 10", 0, 0, def, 10.1, []string{"Rata-rata 10,1 pesanan sehari", "lebih dari 10", "satu CS"}},
		{"a gudang is not a CS", 0, 1, def, 15, []string{"satu CS"}},
		{"one CS is enough up to 30", 1, 0, def, 30, nil},
		{"one CS above 30", 1, 0, def, 30.5, []string{"lebih dari 30", "2 CS, 1 orang pengiriman dan 1 orang marketing", "ada 1 CS", "tambah 1 CS dan 1 orang pengiriman (gudang)"}},
		{"alone above 30", 0, 0, def, 45, []string{"belum ada staf", "tambah 2 CS dan 1 orang pengiriman"}},
		{"two CS, no shipping", 2, 0, def, 31, []string{"ada 2 CS", "tambah 1 orang pengiriman (gudang)"}},
		{"one CS and a gudang above 30", 1, 1, def, 31, []string{"ada 1 CS dan 1 gudang", "tambah 1 CS,"}},
		{"two CS and a gudang", 2, 1, def, 50, nil},
		{"quiet shop", 0, 0, def, 0, nil},
		{"own thresholds", 0, 0, Staffing{OneCSAbove: 5, TwoCSAbove: 20}, 6, []string{"lebih dari 5", "satu CS"}},
		{"own thresholds, team", 1, 0, Staffing{OneCSAbove: 5, TwoCSAbove: 20}, 21, []string{"lebih dari 20"}},
		{"zero thresholds are the defaults", 0, 0, Staffing{}, 10, nil},
		{"zero thresholds are the defaults, above", 0, 0, Staffing{}, 11, []string{"lebih dari 10"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := StaffingAdvice(staffShop(c.cs, c.gudang, c.st), c.perDay)
			if len(c.want) == 0 {
				if got != "" {
					t.Errorf("advice %q, want none", got)
				}
				return
			}
			for _, w := range c.want {
				if !strings.Contains(got, w) {
					t.Errorf("advice %q lacks %q", got, w)
				}
			}
		})
	}
}

func TestPerDayAndShare(t *testing.T) {
	if PerDay(11, 1) != 11 || PerDay(23, 7) != 3.3 || PerDay(5, 0) != 0 {
		t.Errorf("PerDay: %v %v %v", PerDay(11, 1), PerDay(23, 7), PerDay(5, 0))
	}
	if Share(18, 33) != 0.55 || Share(1, 0) != 0 || Share(3, 3) != 1 {
		t.Errorf("Share: %v %v %v", Share(18, 33), Share(1, 0), Share(3, 3))
	}
	if FormatDecimal(12.3) != "12,3" || FormatDecimal(12) != "12" {
		t.Errorf("FormatDecimal: %s %s", FormatDecimal(12.3), FormatDecimal(12))
	}
}

func TestSummaryTextWorkload(t *testing.T) {
	shop := staffShop(0, 0, Staffing{OneCSAbove: 10, TwoCSAbove: 30})
	day := time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC)
	week := Summary{From: day, To: day.AddDate(0, 0, 7), Orders: 84, BusiestHours: []HourCount{{Hour: 20, Count: 40}, {Hour: 9, Count: 12}},
		Workload: Workload{Days: 7, OrdersPerDay: 12, Messages: 120, AfterHours: 45, AfterHoursShare: 0.38}}
	text := SummaryText(shop, week, "7 hari terakhir")
	for _, want := range []string{"Rata-rata: 12 pesanan/hari", "Chat di luar jam kerja: 38% (45 dari 120)", "Jam ramai: 20.00, 09.00", "💡 Rata-rata 12 pesanan sehari", "satu CS"} {
		if !strings.Contains(text, want) {
			t.Errorf("weekly summary lacks %q:\n%s", want, text)
		}
	}
	// One day says little: the daily summary stays short.
	today := week
	today.To = day.AddDate(0, 0, 1)
	if text := SummaryText(shop, today, "hari ini"); strings.Contains(text, "Rata-rata") || strings.Contains(text, "💡") {
		t.Errorf("daily summary has the weekly lines:\n%s", text)
	}
	// Enough staff: numbers, no advice.
	shop.Staff = append(shop.Staff, Staff{Phone: "6281200000099", Role: RoleCS})
	if text := SummaryText(shop, week, "7 hari terakhir"); strings.Contains(text, "💡") || !strings.Contains(text, "Rata-rata") {
		t.Errorf("advice with a CS:\n%s", text)
	}
}
