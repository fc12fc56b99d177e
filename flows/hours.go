package flows

import (
	"fmt"
	"time"
)

var hariNames = [7]string{"Minggu", "Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu"}
var bulanNames = [12]string{"Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"}

func (s *Shop) loc() *time.Location {
	if s.Location == nil {
		return time.UTC
	}
	return s.Location
}

func sinceMidnight(t time.Time) time.Duration {
	y, m, d := t.Date()
	return t.Sub(time.Date(y, m, d, 0, 0, 0, 0, t.Location()))
}

func (h Hours) allDaysOff() bool {
	for _, d := range h.Days {
		if d {
			return false
		}
	}
	return true
}

// Open reports whether a human answers at t (business hours, shop zone).
func (s *Shop) Open(t time.Time) bool {
	h := s.Hours
	if h.Open == h.Close || h.allDaysOff() {
		return true // no hours configured: always open
	}
	lt := t.In(s.loc())
	if !h.Days[lt.Weekday()] {
		return false
	}
	m := sinceMidnight(lt)
	return m >= h.Open && m < h.Close
}

// NextOpen says when humans are next available, in words: "besok jam 08.00".
func (s *Shop) NextOpen(t time.Time) string {
	lt := t.In(s.loc())
	day := time.Date(lt.Year(), lt.Month(), lt.Day(), 0, 0, 0, 0, lt.Location())
	for i := 0; i < 8; i++ {
		d := day.AddDate(0, 0, i)
		if !s.Hours.Days[d.Weekday()] && !s.Hours.allDaysOff() {
			continue
		}
		at := d.Add(s.Hours.Open)
		if at.After(lt) {
			return s.When(t, at)
		}
	}
	return s.When(t, day.AddDate(0, 0, 1).Add(s.Hours.Open))
}

// Quiet reports whether t is inside the quiet hours, when no follow-up is sent.
func (s *Shop) Quiet(t time.Time) bool {
	if s.QuietStart == s.QuietEnd {
		return false
	}
	m := sinceMidnight(t.In(s.loc()))
	if s.QuietStart < s.QuietEnd {
		return m >= s.QuietStart && m < s.QuietEnd
	}
	return m >= s.QuietStart || m < s.QuietEnd
}

// AfterQuiet moves t to the end of the quiet hours if it falls inside them.
func (s *Shop) AfterQuiet(t time.Time) time.Time {
	if !s.Quiet(t) {
		return t
	}
	lt := t.In(s.loc())
	day := time.Date(lt.Year(), lt.Month(), lt.Day(), 0, 0, 0, 0, lt.Location())
	end := day.Add(s.QuietEnd)
	if !end.After(lt) {
		end = day.AddDate(0, 0, 1).Add(s.QuietEnd)
	}
	return end.UTC()
}

// Promise returns the time the shop promises an answer by: now plus d,
// rounded up to the hour and moved out of the quiet hours.
func (s *Shop) Promise(now time.Time, d time.Duration) time.Time {
	p := now.Add(d)
	if r := p.Truncate(time.Hour); r.Before(p) {
		p = r.Add(time.Hour)
	}
	return s.AfterQuiet(p).UTC()
}

// When says t in words relative to now, in the shop's zone: "hari ini jam
// 15.00 WIB", "besok jam 12.00 WIB", "Senin 30 Nov jam 10.00 WIB".
func (s *Shop) When(now, t time.Time) string {
	loc := s.loc()
	ln, lt := now.In(loc), t.In(loc)
	clock := fmt.Sprintf("jam %02d.%02d %s", lt.Hour(), lt.Minute(), zoneName(lt))
	dn := time.Date(ln.Year(), ln.Month(), ln.Day(), 0, 0, 0, 0, loc)
	dt := time.Date(lt.Year(), lt.Month(), lt.Day(), 0, 0, 0, 0, loc)
	switch days := int(dt.Sub(dn).Hours()/24 + 0.5); days {
	case 0:
		return "hari ini " + clock
	case 1:
		return "besok " + clock
	default:
		return fmt.Sprintf("%s %d %s %s", hariNames[lt.Weekday()], lt.Day(), bulanNames[lt.Month()-1], clock)
	}
}

// zoneName gives Indonesia's zone abbreviations for its three offsets.
func zoneName(t time.Time) string {
	name, off := t.Zone()
	switch off {
	case 7 * 3600:
		return "WIB"
	case 8 * 3600:
		return "WITA"
	case 9 * 3600:
		return "WIT"
	}
	return name
}

// HoursText describes the business hours: "08.00–21.00".
func (s *Shop) HoursText() string {
	if s.Hours.Open == s.Hours.Close {
		return "24 jam"
	}
	f := func(d time.Duration) string { return fmt.Sprintf("%02d.%02d", int(d.Hours()), int(d.Minutes())%60) }
	return f(s.Hours.Open) + "–" + f(s.Hours.Close) + " " + zoneName(time.Date(2024, 1, 1, 12, 0, 0, 0, s.loc()))
}
