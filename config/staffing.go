package config

import (
	"gopkg.in/yaml.v3"
)

// staffing reads the orders a day above which the shop is told to hire:
// `staffing: {one_cs_above: 10, two_cs_above: 30}`.
func (p *shopParser) staffing(path string, v *yaml.Node) error {
	st := &p.shop.Staffing
	var twoAt *yaml.Node
	err := p.fields(path, v, map[string]handler{
		"one_cs_above": p.integer(&st.OneCSAbove, 1, 10000),
		"two_cs_above": func(path string, v *yaml.Node) error {
			twoAt = v
			return p.integer(&st.TwoCSAbove, 1, 10000)(path, v)
		},
	})
	if err != nil {
		return err
	}
	if st.TwoCSAbove <= st.OneCSAbove {
		at := twoAt
		if at == nil {
			at = deref(v)
		}
		return p.errAt(at, joinPath(path, "two_cs_above"), ErrBadValue,
			"harus lebih besar dari one_cs_above (%d): di atas one_cs_above cukup 1 CS, di atas two_cs_above perlu 2 CS", st.OneCSAbove)
	}
	return nil
}
