package flows

import (
	"reflect"
	"testing"
	"time"

	"github.com/pesanbot/pesanbot/flows/lang"
)

// TestReadAheadIsTheTurnsReading: a conversation whose every message was
// read ahead, with the context the previous turn left, gives the same
// results as one read in its turns, and the early readings are taken; a
// reading made for another text, catalogue or context is never taken.
func TestReadAheadIsTheTurnsReading(t *testing.T) {
	shop := fuzzShop()
	texts := []string{"halo kak", "mau pashmina hitam 2", "jadi 3 aja", "ongkir ke bekasi brp", "Rina, Jl. Melati 3 Bekasi 17111, 081234567890, jne",
		"2", "ya", "kak paket saya belum sampai", "sudah 5 hari", "makasih"}
	run := func(ahead bool) (results []Result, used int) {
		v := newFuzzView()
		var st State
		at := time.Date(2026, 11, 26, 3, 0, 0, 0, time.UTC)
		for _, text := range texts {
			in := Input{Customer: v.customers[0], Text: text, At: at}
			if ahead {
				in.Ahead = ReadBefore(text, v.Catalog(), NextReadContext(shop, st))
			}
			res := Handle(shop, st, in, v)
			if in.Ahead.Used() {
				used++
			}
			v.apply(t, text, res.Effects)
			results = append(results, res)
			st = res.State
			at = at.Add(time.Minute)
		}
		return results, used
	}
	plain, _ := run(false)
	early, used := run(true)
	for i := range texts {
		if !reflect.DeepEqual(plain[i], early[i]) {
			t.Errorf("%q read ahead: %+v\nin its turn: %+v", texts[i], early[i], plain[i])
		}
	}
	if used < len(texts)/2 {
		t.Errorf("only %d of %d early readings were taken", used, len(texts))
	}

	v := newFuzzView()
	in := Input{Customer: v.customers[0], Text: "mau pashmina hitam 2", At: time.Date(2026, 11, 26, 3, 0, 0, 0, time.UTC)}
	other := &Catalog{Products: append([]Product(nil), v.Catalog().Products...)}
	other.Products[0].Name += " Baru" // what the reader reads of it changed: another index
	for name, a := range map[string]*ReadAhead{
		"another text":      ReadBefore("mau bergo 1", v.Catalog(), NextReadContext(shop, State{})),
		"another catalogue": ReadBefore(in.Text, other, NextReadContext(shop, State{})),
		"another context":   ReadBefore(in.Text, v.Catalog(), NextReadContext(shop, State{Step: StepAskQty})),
	} {
		in.Ahead = a
		Handle(shop, State{}, in, v)
		if a.Used() {
			t.Errorf("a reading with %s was taken", name)
		}
	}
}

// TestSameContextSeesEveryField: a context differing in any one field of
// lang.Context is not the same (a field added to it must be compared).
func TestSameContextSeesEveryField(t *testing.T) {
	base := lang.Context{Slot: lang.SlotQty, Choices: 2, Couriers: []string{"JNE"}, Areas: []string{"Bekasi"}, Current: "PSM-02"}
	if !sameContext(base, base) {
		t.Fatal("a context differs from itself")
	}
	typ := reflect.TypeOf(base)
	for i := range typ.NumField() {
		c := base
		f := reflect.ValueOf(&c).Elem().Field(i)
		switch f.Kind() {
		case reflect.String:
			f.SetString(f.String() + "x")
		case reflect.Int:
			f.SetInt(f.Int() + 1)
		case reflect.Slice:
			f.Set(reflect.Append(f, reflect.ValueOf("x")))
		default:
			t.Fatalf("lang.Context.%s: a %s this test cannot change", typ.Field(i).Name, f.Kind())
		}
		if sameContext(base, c) {
			t.Errorf("contexts differing in %s are the same to sameContext", typ.Field(i).Name)
		}
	}
}
