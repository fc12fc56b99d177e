// Package store owns shop.db: the SQLite schema and its numbered embedded
// migrations, the queries next to the methods that run them, and the one
// transaction per handled turn that saves the conversation state, the
// orders, complaints, stock changes, follow-ups and outbox rows together.
//
// store may import flows for the domain types; it must not import bot or
// anything of whatsmeow.
package store
