package web

import (
	"fmt"
	"math"
	"strings"

	"github.com/pesanbot/pesanbot/flows"
)

// weekView is the "7 hari terakhir" card of the today page: how busy the
// shop is and whether it has outgrown its staff.
type weekView struct {
	PerDay     string // "12,3"
	Hours      string // "19.00, 20.00, 12.00", or "-"
	AfterHours string // "37% (45 dari 120)", or "-"
	Advice     string // "" when the staff in shop.yaml fits
}

func newWeekView(shop *flows.Shop, s flows.Summary) weekView {
	v := weekView{PerDay: flows.FormatDecimal(s.OrdersPerDay), Hours: "-", AfterHours: "-",
		Advice: flows.StaffingAdvice(shop, s.OrdersPerDay)}
	var hours []string
	for i, h := range s.BusiestHours {
		if i == 3 {
			break
		}
		hours = append(hours, fmt.Sprintf("%02d.00", h.Hour))
	}
	if len(hours) > 0 {
		v.Hours = strings.Join(hours, ", ")
	}
	if s.Messages > 0 {
		v.AfterHours = fmt.Sprintf("%d%% (%d dari %d chat)", int(math.Round(s.AfterHoursShare*100)), s.AfterHours, s.Messages)
	}
	return v
}
