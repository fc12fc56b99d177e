package web

import (
	"github.com/pesanbot/pesanbot/flows/lang"

	"fmt"
	"strconv"
	"time"

	"github.com/pesanbot/pesanbot/flows"
	"github.com/pesanbot/pesanbot/store"
)

// Charts are drawn on the server as SVG: no script, no external request,
// and the viewBox scales them to a phone or a desk screen.

// Chart geometry, in viewBox units.
const (
	chartW      = 360.0
	chartH      = 150.0
	padTop      = 18.0
	padBottom   = 18.0
	padSide     = 4.0
	rowH        = 28.0
	rowLabelW   = 150.0
	rowValueW   = 56.0
	maxNameRune = 19
)

// columnChart is a vertical bar chart (per day, per hour).
type columnChart struct {
	Title    string
	Summary  string // the same numbers in words, for screen readers
	W, H     float64
	BaseY    float64
	Bars     []columnBar
	Labels   []axisLabel
	MaxLabel string
	Empty    bool
}

type columnBar struct {
	X, Y, W, H float64
	Tip        string
}

type axisLabel struct {
	X, Y   float64
	Text   string
	Anchor string // SVG text-anchor: labels at the edges stay inside
}

// columns lays out values as bars; every nth bar gets its label, counted
// from the last bar when fromEnd (so today is labelled).
func columns(title string, values []int64, labels, tips []string, every int, fromEnd bool, format func(int64) string) columnChart {
	c := columnChart{Title: title, W: chartW, H: chartH, BaseY: chartH - padBottom}
	var top, total int64
	for _, v := range values {
		top = max(top, v)
		total += v
	}
	c.Empty = top == 0
	c.MaxLabel = "tertinggi " + format(top)
	c.Summary = fmt.Sprintf("%s: total %s, tertinggi %s", title, format(total), format(top))
	if len(values) == 0 {
		return c
	}
	plotW, plotH := chartW-2*padSide, chartH-padTop-padBottom
	slot := plotW / float64(len(values))
	bw := slot * 0.7
	for i, v := range values {
		h := 0.0
		if top > 0 {
			h = plotH * float64(v) / float64(top)
		}
		if v > 0 && h < 1 {
			h = 1
		}
		x := padSide + float64(i)*slot + (slot-bw)/2
		c.Bars = append(c.Bars, columnBar{X: x, Y: c.BaseY - h, W: bw, H: h, Tip: tips[i]})
		k := i
		if fromEnd {
			k = len(values) - 1 - i
		}
		if every > 0 && k%every == 0 {
			l := axisLabel{X: x + bw/2, Y: chartH - 4, Text: labels[i], Anchor: "middle"}
			switch {
			case l.X < 16:
				l.X, l.Anchor = padSide, "start"
			case l.X > chartW-16:
				l.X, l.Anchor = chartW-padSide, "end"
			}
			c.Labels = append(c.Labels, l)
		}
	}
	return c
}

// rowChart is a horizontal bar chart of named counts (top lists).
type rowChart struct {
	Title string
	W, H  float64
	Rows  []chartRow
	Empty bool
}

type chartRow struct {
	Y, TextY, BarX, BarW, BarH, ValueX float64
	Name, Value                        string
}

func rows(title string, items []flows.NamedCount) rowChart {
	c := rowChart{Title: title, W: chartW, H: rowH*float64(len(items)) + 4, Empty: len(items) == 0}
	top := 0
	for _, it := range items {
		top = max(top, it.Count)
	}
	for i, it := range items {
		y := 2 + float64(i)*rowH
		w := 0.0
		if top > 0 {
			w = (chartW - rowLabelW - rowValueW) * float64(it.Count) / float64(top)
		}
		name := []rune(lang.Clean(it.Name, 200))
		if len(name) > maxNameRune {
			name = append(name[:maxNameRune-1], '…')
		}
		c.Rows = append(c.Rows, chartRow{Y: y + 5, TextY: y + 18, BarX: rowLabelW, BarW: max(w, 1), BarH: rowH - 10,
			ValueX: rowLabelW + max(w, 1) + 4, Name: string(name), Value: strconv.Itoa(it.Count)})
	}
	return c
}

// salesCharts draws orders and paid revenue per day.
func salesCharts(days []store.DaySales) (orders, revenue columnChart) {
	n := len(days)
	ov, rv := make([]int64, n), make([]int64, n)
	labels, otips, rtips := make([]string, n), make([]string, n), make([]string, n)
	for i, d := range days {
		ov[i], rv[i] = int64(d.Orders), d.Revenue
		labels[i] = d.Day.Format("02/01")
		date := d.Day.Format("02/01/2006")
		otips[i] = fmt.Sprintf("%s: %d pesanan", date, d.Orders)
		rtips[i] = fmt.Sprintf("%s: %s", date, lang.FormatRupiah(d.Revenue))
	}
	count := func(v int64) string { return strconv.FormatInt(v, 10) }
	orders = columns("Pesanan per hari (30 hari)", ov, labels, otips, 7, true, count)
	revenue = columns("Omzet lunas per hari (30 hari)", rv, labels, rtips, 7, true, lang.FormatRupiah)
	return orders, revenue
}

// hoursChart draws customers' messages by hour of the day.
func hoursChart(hours [24]int) columnChart {
	v, labels, tips := make([]int64, 24), make([]string, 24), make([]string, 24)
	for h, n := range hours {
		v[h] = int64(n)
		labels[h] = fmt.Sprintf("%02d", h)
		tips[h] = fmt.Sprintf("jam %02d.00–%02d.59: %d pesan", h, h, n)
	}
	return columns("Pesan pelanggan per jam (30 hari)", v, labels, tips, 3, false, func(n int64) string { return strconv.FormatInt(n, 10) })
}

// midnight is the start of t's day in t's zone.
func midnight(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, t.Location())
}
