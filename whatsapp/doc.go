// Package whatsapp is pesanbot's WhatsApp transport: a linked device of the
// shop's number through whatsmeow. It pairs, connects and reconnects,
// turns whatsmeow's message events into bot.Receive calls (committed before
// they are acknowledged), downloads media, sends the outbox at a person's
// pace, and keeps whatsapp.db, including erasing a customer from it
// (bot.Forgetter).
//
// whatsapp imports bot; bot never imports whatsapp or whatsmeow. The
// transport reaches shop.db only through bot's methods.
package whatsapp
