// Package bot is pesanbot's runtime, shared by every transport: one entry
// point for customer messages, staff commands and timers; per-chat ordering
// with concurrency across chats; dedupe by message id; the burst window
// that makes several quick messages one turn; the outbox and its delivery
// to a transport; the script simulator and the terminal chat.
//
// bot imports flows and store; flows and store never import bot. Transports
// import bot, never the reverse: the WhatsApp transport is package whatsapp,
// and bot never imports whatsmeow (TestNoWhatsmeow).
package bot
