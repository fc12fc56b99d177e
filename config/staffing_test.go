package config

import (
	"errors"
	"strings"
	"testing"

	"github.com/pesanbot/pesanbot/flows"
)

func TestStaffingDefaultsAndValues(t *testing.T) {
	s, err := Parse("shop.yaml", []byte(minimalYAML))
	if err != nil {
		t.Fatal(err)
	}
	if s.Staffing != (flows.Staffing{OneCSAbove: 10, TwoCSAbove: 30}) {
		t.Errorf("default staffing = %+v, want 10 and 30", s.Staffing)
	}
	s, err = Parse("shop.yaml", []byte(minimalYAML+"staffing:\n  one_cs_above: 8\n  two_cs_above: 25\n"))
	if err != nil || s.Staffing != (flows.Staffing{OneCSAbove: 8, TwoCSAbove: 25}) {
		t.Errorf("staffing = %+v, %v", s.Staffing, err)
	}
	s, err = Parse("shop.yaml", []byte(minimalYAML+"staffing: {one_cs_above: 15}\n"))
	if err != nil || s.Staffing != (flows.Staffing{OneCSAbove: 15, TwoCSAbove: 30}) {
		t.Errorf("one key only: %+v, %v", s.Staffing, err)
	}
}

func TestStaffingErrors(t *testing.T) {
	for _, c := range []struct{ yaml, want string }{
		{"staffing:\n  one_cs_above: 20\n  two_cs_above: 15\n", "shop.yaml:5: staffing.two_cs_above: harus lebih besar dari one_cs_above (20)"},
		{"staffing: {one_cs_above: 40}\n", "shop.yaml:3: staffing.two_cs_above: harus lebih besar dari one_cs_above (40)"},
		{"staffing:\n  one_cs_above: sepuluh\n", `shop.yaml:4: staffing.one_cs_above: "sepuluh" harus bilangan bulat`},
		{"staffing:\n  one_cs_above: 0\n", `shop.yaml:4: staffing.one_cs_above: "0" harus bilangan bulat 1 sampai`},
		{"staffing:\n  three_cs_above: 50\n", "shop.yaml:4: staffing.three_cs_above: "},
	} {
		_, err := Parse("shop.yaml", []byte(minimalYAML+c.yaml))
		if err == nil || !strings.HasPrefix(err.Error(), c.want) || !errors.Is(err, ErrInvalidShop) {
			t.Errorf("%q: err = %v, want %q…", c.yaml, err, c.want)
		}
	}
}

func TestSampleHasStaffing(t *testing.T) {
	s, err := Parse("shop.yaml", []byte(SampleShopYAML))
	if err != nil {
		t.Fatal(err)
	}
	if s.Staffing.OneCSAbove != flows.DefaultOneCSAbove || s.Staffing.TwoCSAbove != flows.DefaultTwoCSAbove {
		t.Errorf("sample staffing = %+v", s.Staffing)
	}
	if !strings.Contains(SampleShopYAML, "one_cs_above") {
		t.Error("the sample does not show the staffing keys")
	}
}
