package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"

	"github.com/pesanbot/pesanbot/bot"
	"github.com/pesanbot/pesanbot/store"
	"github.com/pesanbot/pesanbot/web"
)

// errNotConnected keeps replies in the outbox: `dashboard` has no WhatsApp
// connection, so `run` sends them when it next runs.
var errNotConnected = errors.New("not connected to WhatsApp: message stays queued")

// queueOnly is the dashboard's transport. The dashboard never delivers (it
// starts neither the delivery loop nor the schedule); should anything try,
// the send fails and the row stays unsent for `run`.
type queueOnly struct{ log *slog.Logger }

func (q queueOnly) Send(_ context.Context, m store.Outgoing) error {
	q.log.Info("not connected: message queued", "outbox", m.ID)
	return errNotConnected
}

// cmdDashboard serves the owner's web dashboard on the data directory
// without a WhatsApp connection: actions are recorded and customers'
// notifications wait in the outbox for `pesanbot run`.
func (e *environment) cmdDashboard(args []string) error {
	fs, data := e.flags("dashboard")
	addr := fs.String("http", web.DefaultAddr, "listen address")
	password := fs.String("password", "", "login password, required beyond loopback (or PESANBOT_DASHBOARD_PASSWORD)")
	cert := fs.String("tls-cert", "", "TLS certificate file (serve HTTPS)")
	key := fs.String("tls-key", "", "TLS key file")
	if rest, err := parse(fs, args); err != nil {
		return err
	} else if len(rest) > 0 {
		return usagef("dashboard takes no arguments, only --http, --password, --tls-cert, --tls-key and --data")
	}
	if *password == "" {
		*password = e.getenv("PESANBOT_DASHBOARD_PASSWORD")
	}
	scheme := "http"
	if *cert != "" {
		scheme = "https"
	}
	// One writer of the outbox and one login per directory: beside `run`,
	// which serves this same page, the dashboard is refused.
	s, err := e.openLocked(*data, lockNote{Command: "dashboard", Dashboard: scheme + "://" + *addr + "/"})
	var locked *lockedError
	if errors.As(err, &locked) && !locked.use {
		return dashboardServed(locked)
	}
	if err != nil {
		return err
	}
	defer s.Close()
	log := e.logger()
	b := bot.New(bot.Config{DB: s.db, Shop: s.shop, Log: log, Transport: queueOnly{log: log}, Realtime: true})
	srv, err := web.New(web.Config{Bot: b, DB: s.db, Shop: s.shop, Addr: *addr, Log: log, Password: *password,
		TLSCert: *cert, TLSKey: *key, LoginCode: e.printLoginCode})
	if errors.Is(err, web.ErrPasswordRequired) {
		return usagef("--http %s is reachable from the network: add --password (at least 8 characters) or use 127.0.0.1", *addr)
	}
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return fmt.Errorf("cannot listen on %s (is another pesanbot running?): %w", *addr, err)
	}
	fmt.Fprintf(e.stderr, "pesanbot: dasbor di %s://%s/ — Ctrl-C untuk berhenti\n", scheme, ln.Addr())
	if err := srv.SendLoginCode(); err != nil {
		ln.Close()
		return err
	}
	return srv.Serve(e.ctx, ln)
}

// dashboardServed explains why `dashboard` is refused: the running command
// that holds the directory serves the page already, or serves it without.
func dashboardServed(l *lockedError) error {
	pid := ""
	if l.pid != "" {
		pid = ", pid " + l.pid
	}
	switch {
	case l.note.Dashboard != "":
		return fmt.Errorf("dasbor toko ini sudah dilayani oleh pesanbot %s yang sedang berjalan (%s%s): buka %s di browser, tidak perlu menjalankan pesanbot dashboard", l.note.Command, l.dir, pid, l.note.Dashboard)
	case l.note.Command == "run":
		return fmt.Errorf("pesanbot run sedang berjalan di %s%s tanpa dasbor (--http off): hentikan lalu jalankan lagi dengan --http 127.0.0.1:8080 untuk membuka dasbornya", l.dir, pid)
	}
	return l
}

// printLoginCode shows a login code on the terminal that runs pesanbot.
func (e *environment) printLoginCode(code string) error {
	_, err := fmt.Fprintf(e.stderr, "pesanbot: kode masuk dasbor: %s (berlaku 10 menit, sekali pakai)\n", code)
	return err
}
