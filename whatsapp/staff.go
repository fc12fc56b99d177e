package whatsapp

import (
	"context"
	"github.com/pesanbot/pesanbot/bot"
	"time"

	"go.mau.fi/whatsmeow/types"
)

// staffPhones lists every configured owner and staff number once.
func staffPhones(b *bot.Bot) []string {
	seen := map[string]bool{}
	var out []string
	add := func(p string) {
		if validPhone(p) && !seen[p] {
			seen[p] = true
			out = append(out, p)
		}
	}
	for _, p := range b.Shop().Owners {
		add(p)
	}
	for _, s := range b.Shop().Staff {
		add(s.Phone)
	}
	return out
}

// refreshStaff learns the LIDs of the staff numbers after each connect:
// WhatsApp may deliver a staff member's messages under their LID alone,
// and only a LID resolved from their configured number makes them staff.
// The local LID store answers first; the server (GetUserInfo) is asked for
// all of them on every connect so changed mappings are picked up. On
// failure the previous map stays.
func (w *WhatsApp) refreshStaff(ctx context.Context, cli waClient) {
	phones := staffPhones(w.bot)
	if len(phones) == 0 {
		return
	}
	found := map[string]string{}
	jids := make([]types.JID, 0, len(phones))
	for _, p := range phones {
		pn := types.NewJID(p, types.DefaultUserServer)
		jids = append(jids, pn)
		if w.lids == nil {
			continue
		}
		if lid, err := w.lids.GetLIDForPN(ctx, pn); err == nil && !lid.IsEmpty() {
			found[lid.User] = p
		}
	}
	if cli != nil {
		ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
		defer cancel()
		infos, err := cli.GetUserInfo(ctx, jids)
		if err != nil {
			w.log.Warn("staff LIDs not refreshed from WhatsApp; using what is known", "err", err)
		}
		wanted := map[string]bool{}
		for _, p := range phones {
			wanted[p] = true
		}
		for jid, info := range infos {
			if wanted[jid.User] && !info.LID.IsEmpty() && validLID(info.LID.User) {
				found[info.LID.User] = jid.User
			}
		}
	}
	w.mu.Lock()
	if len(found) > 0 || w.staff == nil {
		w.staff = found
	}
	w.mu.Unlock()
	w.log.Info("staff identities resolved", "staff", len(phones), "with_lid", len(found))
}
