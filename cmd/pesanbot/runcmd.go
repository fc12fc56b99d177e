package main

import (
	"context"
	"errors"
	"fmt"

	"github.com/pesanbot/pesanbot/bot"
	"github.com/pesanbot/pesanbot/flows"
	"github.com/pesanbot/pesanbot/web"
)

// cmdRun connects to WhatsApp and serves until a signal: one process per
// data directory, pairing on first start.
func (e *environment) cmdRun(args []string) error {
	fs, data := e.flags("run")
	pairPhone := fs.String("pair-phone", "", "pair with an 8-character code for this number instead of a QR code")
	httpAddr := fs.String("http", web.DefaultAddr, "dashboard address, or off")
	password := fs.String("password", "", "dashboard password (needed beyond loopback; or PESANBOT_DASHBOARD_PASSWORD)")
	if rest, err := parse(fs, args); err != nil {
		return err
	} else if len(rest) > 0 {
		return usagef("run takes no arguments, only --data, --pair-phone and --http")
	}
	phone := ""
	if *pairPhone != "" {
		p, err := flows.NormalizePhone(*pairPhone)
		if err != nil {
			return usagef("--pair-phone %q is not a phone number (e.g. 6281234567890)", *pairPhone)
		}
		phone = p
	}
	note := lockNote{Command: "run"}
	if *httpAddr != "off" {
		note.Dashboard = "http://" + *httpAddr + "/"
	}
	s, err := e.openLocked(*data, note)
	if err != nil {
		return err
	}
	defer s.Close()
	dir := s.dir
	log := e.logger()
	wa := bot.NewWhatsApp(bot.WhatsAppConfig{DataDir: dir, PairPhone: phone, Terminal: e.stdout, Log: log})
	b := bot.New(bot.Config{DB: s.db, Shop: s.shop, Log: log, Transport: wa, Realtime: true, DataDir: dir})
	ctx, cancel := context.WithCancel(e.ctx)
	defer cancel()
	if err := b.StartSchedule(ctx); err != nil {
		return err
	}
	pw := *password
	if pw == "" {
		pw = e.getenv("PESANBOT_DASHBOARD_PASSWORD")
	}
	if *httpAddr != "off" {
		// The owner's dashboard beside WhatsApp: same bot, same commands.
		srv, err := web.New(web.Config{Bot: b, DB: s.db, Shop: s.shop, Addr: *httpAddr, Log: log,
			Password: pw, LoginCode: e.printLoginCode})
		if err != nil {
			return err
		}
		go func() {
			if err := srv.ListenAndServe(ctx); err != nil && ctx.Err() == nil {
				log.Error("dashboard stopped", "err", err)
			}
		}()
		fmt.Fprintf(e.stderr, "pesanbot: dasbor di http://%s (kode masuk dicetak di sini)\n", *httpAddr)
	}
	fmt.Fprintf(e.stdout, "pesanbot %s — %s (data: %s)\n", version, s.shop.Name, dir)
	err = wa.Serve(ctx, b)
	switch {
	case errors.Is(err, bot.ErrStreamReplaced), errors.Is(err, bot.ErrClientOutdated):
		return err
	case err != nil:
		return fmt.Errorf("WhatsApp connection failed: %w", err)
	}
	fmt.Fprintln(e.stdout, "pesanbot berhenti. / pesanbot stopped.")
	return nil
}
