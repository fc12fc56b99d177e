// Package lang reads buyers' informal Indonesian: normalisation, numbers
// and quantities, prices, phone numbers, places and couriers, the labelled
// "format order", product and variant matching against an Index of the
// shop's catalogue, keyword intents (DetectIntent, kept for the dialogue
// until it reads Readings), and Read, which turns one message into a
// Reading that holds every mention with its span in the normalised text:
// items (product, variant, quantity, how it changes the order), products
// the shop does not sell, variants a product lacks, delivery details,
// questions in the order asked, acts (yes, no, cancel, greetings,
// complaints…) and numbered choices.
//
// Reading works in steps, in order of precedence, over one table of
// claimed words (reader.claim): numbers that are no quantities (phones,
// prices, postcodes, RT/RW, dates), delivery details, product names,
// variant words and the numbers attached to units, quantities, edit words.
// A word claimed by one step is never read again by a later one, so the
// most specific reading wins and a span is used by one mention only.
// Products and variants are found by the catalogue's own names, aliases and
// variant names (fuzzy, typo-tolerant); no list of any shop's products is
// written here, only words of the language.
//
// lang owns the words; it makes no decisions about the conversation (that
// is the policy in package flows, above it). It is pure (no I/O, no clock,
// no goroutines) and imports nothing of pesanbot's own: products are
// described to it by lang.Product, built by the caller from its catalogue
// (flows.Catalog.Index, flows.Shop.ReadContext).
package lang
