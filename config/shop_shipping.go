package config

import (
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/pesanbot/pesanbot/flows"
	"github.com/pesanbot/pesanbot/shipping"
)

// Live shipping rates defaults (shop.yaml shipping.*).
const (
	DefaultShippingTimeout = 8 * time.Second
	DefaultShippingGrams   = 500
	DefaultShippingOptions = 5
)

// ShippingProviders are the values shipping.provider takes.
var ShippingProviders = []string{"rajaongkir", "fixture"}

// CourierCode is the provider code of a courier as the shop writes it, or "".
func CourierCode(name string) string { return shipping.CourierCode(name) }

// liveShipping reads the live-rates keys of the shipping section.
func (p *shopParser) liveShipping() map[string]handler {
	l := &p.shop.Shipping.Live
	return map[string]handler{
		"provider": func(path string, v *yaml.Node) error {
			s, _, err := p.text(path, v, 30)
			if err != nil {
				return err
			}
			s = strings.ToLower(strings.TrimSpace(s))
			if s != "" && s != "none" && !contains(ShippingProviders, s) {
				return p.errAt(v, path, ErrBadValue, "%q tidak dikenal (pilihan: rajaongkir, fixture, atau kosong untuk ongkir tetap)", s)
			}
			if s == "none" {
				s = ""
			}
			l.Provider = s
			return nil
		},
		"api_key": func(path string, v *yaml.Node) error {
			s, _, err := p.text(path, v, 200)
			if err != nil {
				return err
			}
			if strings.ContainsAny(s, " \t\n") {
				return p.errAt(v, path, ErrBadValue, "API key tidak boleh berisi spasi")
			}
			l.APIKey = flows.Secret(s)
			return nil
		},
		"origin_id": p.str(&l.OriginID, 20),
		"courier_codes": func(path string, v *yaml.Node) error {
			items, err := p.sequence(path, v)
			if err != nil {
				return err
			}
			l.CourierCodes = nil
			for i, it := range items {
				s, _, err := p.text(fmt.Sprintf("%s[%d]", path, i), it, 20)
				if err != nil {
					return err
				}
				s = strings.ToLower(strings.TrimSpace(s))
				if s == "" || strings.ContainsAny(s, " :") {
					return p.errAt(it, fmt.Sprintf("%s[%d]", path, i), ErrBadValue, "kode kurir %q tidak sah (contoh: jne, jnt, sicepat)", s)
				}
				if !contains(l.CourierCodes, s) {
					l.CourierCodes = append(l.CourierCodes, s)
				}
			}
			return nil
		},
		"fixture": func(path string, v *yaml.Node) error {
			s, _, err := p.text(path, v, 500)
			if err != nil || s == "" {
				return err
			}
			if !filepath.IsAbs(s) {
				s = filepath.Join(filepath.Dir(p.file), s)
			}
			l.Fixture = s
			return nil
		},
		"timeout":        p.duration(&l.Timeout, time.Second, time.Minute),
		"default_weight": p.integer(&l.DefaultGrams, 1, 100000),
		"max_options":    p.integer(&l.MaxOptions, 1, 9),
	}
}

// checkLiveShipping completes and checks the live-rates keys once the
// whole shipping section is read.
func (p *shopParser) checkLiveShipping(v *yaml.Node, path string) error {
	sh := &p.shop.Shipping
	l := &sh.Live
	if l.Timeout <= 0 {
		l.Timeout = DefaultShippingTimeout
	}
	if l.DefaultGrams <= 0 {
		l.DefaultGrams = DefaultShippingGrams
	}
	if l.MaxOptions <= 0 {
		l.MaxOptions = DefaultShippingOptions
	}
	if len(l.CourierCodes) == 0 {
		for _, c := range sh.Couriers {
			if code := CourierCode(c); code != "" && !contains(l.CourierCodes, code) {
				l.CourierCodes = append(l.CourierCodes, code)
			}
		}
	}
	switch l.Provider {
	case "fixture":
		if l.Fixture == "" {
			return p.errAt(deref(v), path+".fixture", ErrRequired, "provider fixture butuh file fixture (contoh: fixture: ongkir.yaml)")
		}
	case "rajaongkir":
		if len(l.CourierCodes) == 0 {
			return p.errAt(deref(v), path+".courier_codes", ErrRequired, "tidak ada kurir yang dikenal RajaOngkir di shipping.couriers; tulis kodenya (contoh: [jne, jnt, sicepat])")
		}
		if l.OriginID == "" && sh.Origin == "" {
			return p.errAt(deref(v), path+".origin_id", ErrRequired, "isi origin_id (id kecamatan asal di RajaOngkir) atau origin (kota asal) untuk ongkir otomatis")
		}
		if l.OriginID != "" && strings.Trim(l.OriginID, "0123456789") != "" {
			return p.errAt(deref(v), path+".origin_id", ErrBadValue, "%q bukan id RajaOngkir (angka, dari pencarian tujuan)", l.OriginID)
		}
	}
	return nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
