package web

import (
	"strings"
	"testing"

	"github.com/pesanbot/pesanbot/flows"
)

func TestTodayPageWeek(t *testing.T) {
	t.Parallel()
	f := newFixture(t, shopScript)
	c := f.login()
	// Three orders on the shop's one day of data, a CS on the staff: numbers, no advice.
	b := contains(t, f, "/", c, "7 hari terakhir", "Rata-rata pesanan</dt><dd>3 per hari", "Jam ramai", "Chat di luar jam kerja")
	if strings.Contains(b, "💡") {
		t.Error("advice for a shop with a CS at 3 orders a day")
	}
}

func TestTodayPageStaffingAdvice(t *testing.T) {
	t.Parallel()
	f := newFixture(t, shopScript, func(c *Config) {
		c.Shop.Staff = nil
		c.Shop.Staffing = flows.Staffing{OneCSAbove: 2, TwoCSAbove: 20}
	})
	c := f.login()
	contains(t, f, "/", c, "💡 Rata-rata 3 pesanan sehari, lebih dari 2: satu CS akan sangat membantu")
}
