package main

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/pesanbot/pesanbot/bot"
	"github.com/pesanbot/pesanbot/store"
	"github.com/pesanbot/pesanbot/whatsapp"
)

func (e *environment) cmdSimulate(args []string) error {
	fs, data := e.flags("simulate")
	asJSON := fs.Bool("json", false, "satu objek JSON per baris")
	start := fs.String("start", "", "`RFC3339` waktu mulai (contoh 2026-11-26T09:00:00+07:00)")
	force := fs.Bool("force", false, "tetap simulasi walau folder --data tertaut ke WhatsApp (menulis pesanan buatan ke data toko)")
	rest, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(rest) != 1 {
		return usagef("simulate butuh satu file skrip: pesanbot simulate FILE [--json] [--start RFC3339] [--data DIR [--force]]")
	}
	t0 := time.Now()
	if *start != "" {
		if t0, err = time.Parse(time.RFC3339, *start); err != nil {
			return usagef("--start %q bukan RFC3339 (contoh 2026-11-26T09:00:00+07:00)", *start)
		}
	}
	f, err := os.Open(rest[0])
	if err != nil {
		return fmt.Errorf("cannot open script: %w", err)
	}
	lines, err := bot.ParseScript(rest[0], f)
	f.Close()
	if err != nil {
		return err
	}
	dir := *data
	if dir == "" {
		tmp, err := os.MkdirTemp("", "pesanbot-sim-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(tmp)
		dir = tmp
	}
	// A simulation writes orders and messages of made-up customers: never
	// beside another pesanbot on the same data, and into a shop linked to
	// WhatsApp only when asked for by name.
	if err := store.EnsureDir(dir); err != nil {
		return err
	}
	unlock, err := lockDataDir(dir, lockNote{Command: "simulate"})
	if err != nil {
		return err
	}
	defer unlock()
	if linked, err := whatsapp.Paired(e.ctx, dir); err != nil {
		return err
	} else if linked && !*force {
		return fmt.Errorf("%s adalah toko yang tertaut ke WhatsApp (whatsapp.db berisi perangkat tertaut): simulasi akan menulis pesanan dan pesan buatan ke data toko sungguhan. Pakai folder lain, atau tanpa --data untuk toko contoh sementara; tambahkan --force hanya bila memang disengaja", dir)
	}
	clock := bot.NewSimClock(t0)
	s, err := e.openShop(dir, store.Options{Now: clock.Now})
	if err != nil {
		return err
	}
	defer s.Close()
	emit := e.transcript(*asJSON, s)
	// DataDir: an erasure in the script deletes files and clears the
	// WhatsApp session and backups there, as it would live.
	rates, tracker, err := liveShipping(s.shop, clock.Now, e.logger())
	if err != nil {
		return err
	}
	b := bot.New(bot.Config{DB: s.db, Shop: s.shop, Now: clock.Now, Log: e.logger(), DataDir: dir, Forget: whatsapp.Session{DataDir: dir},
		Transport: &bot.Recorder{Now: clock.Now, Emit: emit}, Rates: rates, Tracker: tracker})
	return bot.Simulate(e.ctx, b, clock, lines, emit)
}

// transcript prints events as JSON lines or as a readable chat.
func (e *environment) transcript(asJSON bool, s *shopEnv) func(bot.Event) {
	enc := json.NewEncoder(e.stdout)
	enc.SetEscapeHTML(false)
	return func(ev bot.Event) {
		if asJSON {
			enc.Encode(ev)
			return
		}
		at := ev.At.In(s.shop.Location).Format("2006-01-02 15:04")
		who := ev.Chat
		if s.shop.RoleOf(ev.Chat) != "" {
			who += " [" + string(s.shop.RoleOf(ev.Chat)) + "]"
		} else if ev.Name != "" {
			who += " (" + ev.Name + ")"
		}
		img := ""
		if ev.Image {
			img = "[gambar] "
		}
		arrow := "→ bot"
		if ev.Dir == "out" {
			arrow = "bot →"
			fmt.Fprintf(e.stdout, "%s  %s %s\n    %s\n", at, arrow, who, indent(img+ev.Text))
			return
		}
		fmt.Fprintf(e.stdout, "%s  %s %s\n    %s\n", at, who, arrow, indent(img+ev.Text))
	}
}

func indent(s string) string { return strings.ReplaceAll(s, "\n", "\n    ") }
