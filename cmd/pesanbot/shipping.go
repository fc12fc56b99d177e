package main

import (
	"log/slog"
	"time"

	"github.com/pesanbot/pesanbot/config"
	"github.com/pesanbot/pesanbot/flows"
	"github.com/pesanbot/pesanbot/shipping"
	"github.com/pesanbot/pesanbot/shipping/fixture"
	"github.com/pesanbot/pesanbot/shipping/rajaongkir"
)

// liveShipping builds the shop's shipping provider (shop.yaml
// shipping.provider) behind a cache, or nils when the shop has none: flat
// rates then. A provider without its key starts the shop on flat rates with
// one warning. now is the clock fixture waybills are read by.
func liveShipping(shop *flows.Shop, now func() time.Time, log *slog.Logger) (shipping.Rater, shipping.Tracker, error) {
	l := shop.Shipping.Live
	var r shipping.Rater
	var t shipping.Tracker
	switch l.Provider {
	case "":
		return nil, nil, nil
	case "fixture":
		p, err := fixture.Load(l.Fixture)
		if err != nil {
			return nil, nil, err
		}
		p.Now = now
		r, t = p, p
		log.Info("live shipping rates from a fixture file", "fixture", p.String())
	case "rajaongkir":
		if l.APIKey.Reveal() == "" {
			log.Warn("shipping.provider is rajaongkir but shipping.api_key is empty: flat rates are used")
			return nil, nil, nil
		}
		names := map[string]string{}
		for _, c := range shop.Shipping.Couriers {
			if code := config.CourierCode(c); code != "" {
				names[code] = c
			}
		}
		c, err := rajaongkir.New(rajaongkir.Config{Key: l.APIKey.Reveal(), Origin: l.OriginID, OriginQuery: shop.Shipping.Origin,
			Couriers: l.CourierCodes, Names: names, Timeout: l.Timeout})
		if err != nil {
			log.Warn("live shipping rates are off: flat rates are used", "err", err)
			return nil, nil, nil
		}
		r, t = c, c
		log.Info("live shipping rates from RajaOngkir", "couriers", len(l.CourierCodes))
	}
	cache := shipping.NewCache(r, t, shipping.CacheOptions{Now: now})
	return cache, cache, nil
}
