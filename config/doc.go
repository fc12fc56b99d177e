// Package config owns pesanbot's files that the shop owner writes by hand:
// shop.yaml (parsed into a flows.Shop, with defaults and line-numbered
// errors), the catalogue CSV format (read into and written from a
// flows.Catalog) and the sample shop written on first start.
//
// config imports only flows of pesanbot's own packages; it does no SQL and
// knows nothing of WhatsApp.
package config
