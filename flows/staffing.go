package flows

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
)

// Default staffing thresholds, from the rule of thumb shop owners share: up
// to about 10 orders a day the owner manages alone; above 10 one CS helps;
// above 30 the shop needs two CS, one person for shipping and one for
// marketing.
const (
	DefaultOneCSAbove = 10
	DefaultTwoCSAbove = 30
)

// Staffing holds the orders a day above which the shop needs more hands
// (shop.yaml `staffing`).
type Staffing struct {
	OneCSAbove int // above this many orders a day: one CS
	TwoCSAbove int // above this: two CS, one shipping (gudang), one marketing
}

// thresholds fills a zero value with the defaults.
func (s Staffing) thresholds() (one, two int) {
	one, two = s.OneCSAbove, s.TwoCSAbove
	if one <= 0 {
		one = DefaultOneCSAbove
	}
	if two <= 0 {
		two = DefaultTwoCSAbove
	}
	return one, two
}

// Workload is how busy the shop was in a summary's period, from its own
// numbers: the basis for deciding when to hire. It is part of Summary; the
// JSON names are a contract.
type Workload struct {
	// Days is how many days the averages are over: the period's days in the
	// shop's zone, from the first day pesanbot has any data for.
	Days int `json:"days"`
	// OrdersPerDay is the orders (not cancelled) a day, one decimal.
	OrdersPerDay float64 `json:"orders_per_day"`
	// Messages counts the customers' messages received (reactions, edits
	// and deletions left out); AfterHours those of them sent outside the
	// shop's hours, and AfterHoursShare is AfterHours/Messages (0–1, two
	// decimals).
	Messages        int     `json:"messages"`
	AfterHours      int     `json:"after_hours"`
	AfterHoursShare float64 `json:"after_hours_share"`
	// StaffingAdvice says plainly when the orders a day have outgrown the
	// staff listed in shop.yaml; "" when they have not.
	StaffingAdvice string `json:"staffing_advice"`
}

// PerDay averages n over days, to one decimal.
func PerDay(n, days int) float64 {
	if days <= 0 {
		return 0
	}
	return math.Round(float64(n)*10/float64(days)) / 10
}

// Share is part/whole to two decimals; 0 when whole is 0.
func Share(part, whole int) float64 {
	if whole <= 0 {
		return 0
	}
	return math.Round(float64(part)*100/float64(whole)) / 100
}

// StaffingAdvice compares the orders a day with the staff in shop.yaml by
// the shop's staffing thresholds and says, in Indonesian for the owner,
// what would help; "" when the staff is enough. Above OneCSAbove a shop
// without a CS is told one would help; above TwoCSAbove a shop with fewer
// than two CS or no one for shipping is told what to add (marketing is
// mentioned, pesanbot cannot see it).
func StaffingAdvice(shop *Shop, perDay float64) string {
	one, two := shop.Staffing.thresholds()
	cs, gudang := 0, 0
	for _, st := range shop.Staff {
		switch st.Role {
		case RoleCS:
			cs++
		case RoleGudang:
			gudang++
		}
	}
	rate := "Rata-rata " + FormatDecimal(perDay) + " pesanan sehari"
	switch {
	case perDay > float64(two):
		if cs >= 2 && gudang >= 1 {
			return ""
		}
		var add []string
		if cs < 2 {
			add = append(add, strconv.Itoa(2-cs)+" CS")
		}
		if gudang < 1 {
			add = append(add, "1 orang pengiriman (gudang)")
		}
		return fmt.Sprintf("%s, lebih dari %d: toko seramai ini biasanya butuh 2 CS, 1 orang pengiriman dan 1 orang marketing. "+
			"Di shop.yaml %s: sebaiknya tambah %s, lalu daftarkan nomornya di staff.",
			rate, two, staffCount(cs, gudang), strings.Join(add, " dan "))
	case perDay > float64(one):
		if cs >= 1 {
			return ""
		}
		return fmt.Sprintf("%s, lebih dari %d: satu CS akan sangat membantu membalas chat dan mengecek bukti transfer. "+
			"Daftarkan nomornya di shop.yaml (staff, role: cs).", rate, one)
	}
	return ""
}

func staffCount(cs, gudang int) string {
	if cs == 0 && gudang == 0 {
		return "belum ada staf"
	}
	var parts []string
	if cs > 0 {
		parts = append(parts, strconv.Itoa(cs)+" CS")
	}
	if gudang > 0 {
		parts = append(parts, strconv.Itoa(gudang)+" gudang")
	}
	return "ada " + strings.Join(parts, " dan ")
}

// FormatDecimal writes 12.3 as "12,3" and 12.0 as "12", as Indonesians write numbers.
func FormatDecimal(x float64) string {
	return strings.Replace(strconv.FormatFloat(x, 'f', -1, 64), ".", ",", 1)
}

// workloadText is the summary's lines about how busy the shop is and
// whether it needs more staff, for periods of a week or more (one day's
// count says little).
func workloadText(shop *Shop, s Summary) string {
	if s.To.Sub(s.From) < 6*24*time.Hour || s.Days == 0 {
		return ""
	}
	var b strings.Builder
	fmt.Fprintf(&b, "\nRata-rata: %s pesanan/hari", FormatDecimal(s.OrdersPerDay))
	if s.Messages > 0 {
		fmt.Fprintf(&b, "\nChat di luar jam kerja: %d%% (%d dari %d)", int(math.Round(s.AfterHoursShare*100)), s.AfterHours, s.Messages)
	}
	advice := s.StaffingAdvice
	if advice == "" {
		advice = StaffingAdvice(shop, s.OrdersPerDay)
	}
	if advice != "" {
		b.WriteString("\n💡 " + advice)
	}
	return b.String()
}
