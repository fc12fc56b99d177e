// Package store owns shop.db: the SQLite schema and its numbered embedded
// migrations, the queries next to the methods that run them, and the one
// transaction per handled turn that saves the conversation state, the
// orders, complaints, stock changes, follow-ups and outbox rows together.
//
// A turn is lean: Receive reads the customer, their conversation state,
// the duplicate check, whether older messages wait and the catalogue
// version in one statement, and inserts the message once, at commit,
// already marked handled (turnfast.go); the state is written only when it
// changed; the catalogue is shared in memory while catalog_version (kept
// by triggers, whoever writes) is unchanged (catcache.go).
//
// store may import flows for the domain types; it must not import bot or
// anything of whatsmeow.
package store
