// Package flows owns pesanbot's domain and conversation logic: the catalogue,
// orders and complaints as values and the conversation steps. Reading the
// buyers' informal Indonesian (normalisation, quantities, prices, product
// matching, intents, the whole-message Reading) is package flows/lang,
// below it. It is pure: no SQL, no whatsmeow, no goroutines and no
// time.Now; callers pass the state, the input, the time and a read-only view
// of the shop, and get back the new state, the replies and the effects.
//
// flows imports nothing of pesanbot's own but flows/lang.
package flows
