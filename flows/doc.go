// Package flows owns pesanbot's domain and conversation logic: the catalogue,
// orders and complaints as values, the informal-Indonesian language helpers
// (normalisation, quantities, prices, product matching, intents) and the
// conversation steps. It is pure: no SQL, no whatsmeow, no goroutines and no
// time.Now; callers pass the state, the input, the time and a read-only view
// of the shop, and get back the new state, the replies and the effects.
//
// flows imports nothing of pesanbot's own.
package flows
