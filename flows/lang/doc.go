// Package lang reads buyers' informal Indonesian: normalisation, numbers
// and quantities, prices, phone numbers, places and couriers, the labelled
// "format order", product and variant matching against an Index of the
// shop's catalogue, keyword intents, and Read, which turns one message into
// a Reading that holds every mention (items, details, questions, acts,
// choices) with its span in the normalised text.
//
// lang owns the words; it makes no decisions about the conversation (that is
// the policy in package flows, above it). It is pure (no I/O, no clock, no
// goroutines) and imports nothing of pesanbot's own: products are described
// to it by lang.Product, built by the caller from its catalogue.
package lang
