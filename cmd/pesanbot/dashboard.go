package main

import (
	"context"
	"crypto/tls"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"strings"
	"syscall"

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
	addr := fs.String("http", web.DefaultAddr, "`ALAMAT` alamat dasbor, host:port")
	password := fs.String("password", "", "`SANDI` kata sandi masuk, wajib selain di 127.0.0.1, minimal 8 karakter (atau PESANBOT_DASHBOARD_PASSWORD)")
	cert := fs.String("tls-cert", "", "`FILE` sertifikat TLS (melayani HTTPS)")
	key := fs.String("tls-key", "", "`FILE` kunci TLS")
	if rest, err := parse(fs, args); err != nil {
		return err
	} else if len(rest) > 0 {
		return usagef("dashboard tidak menerima argumen; hanya --http, --password, --tls-cert, --tls-key dan --data")
	}
	pw, err := e.dashboardPassword(fs, *password)
	if err != nil {
		return err
	}
	if err := checkDashboardFlags(*addr, *cert, *key); err != nil {
		return err
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
	srv, ln, err := e.listenDashboard(web.Config{Bot: b, DB: s.db, Shop: s.shop, Addr: *addr, Log: log, Password: pw,
		TLSCert: *cert, TLSKey: *key, LoginCode: e.printLoginCode})
	if err != nil {
		return err
	}
	if err := e.announceDashboard(srv, ln, *cert != "", " — Ctrl-C untuk berhenti"); err != nil {
		ln.Close()
		return err
	}
	return srv.Serve(e.ctx, ln)
}

// dashboardPassword is --password, else PESANBOT_DASHBOARD_PASSWORD. A
// password given but blank or only spaces is bad usage: it would protect
// nothing.
func (e *environment) dashboardPassword(fs *flag.FlagSet, flagValue string) (string, error) {
	given := false
	fs.Visit(func(f *flag.Flag) { given = given || f.Name == "password" })
	pw, from := flagValue, "--password"
	if !given {
		pw, from = e.getenv("PESANBOT_DASHBOARD_PASSWORD"), "PESANBOT_DASHBOARD_PASSWORD"
		if pw == "" {
			return "", nil
		}
	}
	if strings.TrimSpace(pw) == "" {
		return "", usagef("%s kosong atau hanya spasi: isi kata sandi minimal 8 karakter", from)
	}
	return pw, nil
}

// checkDashboardFlags checks the address and the TLS files before anything
// opens: a certificate that does not load stops the command at once.
func checkDashboardFlags(addr, cert, key string) error {
	if _, _, err := net.SplitHostPort(addr); err != nil {
		return usagef("--http %q bukan alamat host:port (contoh %s)", addr, web.DefaultAddr)
	}
	if (cert == "") != (key == "") {
		return usagef("--tls-cert dan --tls-key dipakai berdua: sertifikat dan kuncinya")
	}
	if cert != "" {
		if _, err := tls.LoadX509KeyPair(cert, key); err != nil {
			return fmt.Errorf("sertifikat TLS tidak bisa dipakai (--tls-cert %s, --tls-key %s): %v", cert, key, err)
		}
	}
	return nil
}

// listenDashboard builds the dashboard and listens on its address, before
// anything is announced: an address in use stops the command with one line.
func (e *environment) listenDashboard(c web.Config) (*web.Server, net.Listener, error) {
	srv, err := web.New(c)
	if errors.Is(err, web.ErrPasswordRequired) {
		return nil, nil, usagef("--http %s bisa dibuka dari jaringan: tambahkan --password (minimal 8 karakter), atau pakai 127.0.0.1", c.Addr)
	}
	if err != nil {
		return nil, nil, err
	}
	ln, err := net.Listen("tcp", c.Addr)
	if errors.Is(err, syscall.EADDRINUSE) {
		return nil, nil, fmt.Errorf("dasbor tidak bisa dibuka di %s: alamat itu sudah dipakai (pesanbot lain?). Pakai --http ALAMAT lain, atau --http off", c.Addr)
	}
	if err != nil {
		return nil, nil, fmt.Errorf("dasbor tidak bisa dibuka di %s: %v", c.Addr, err)
	}
	return srv, ln, nil
}

// announceDashboard shows where the dashboard is and prints a first login
// code (the login page can ask for a new one).
func (e *environment) announceDashboard(srv *web.Server, ln net.Listener, https bool, extra string) error {
	scheme := "http"
	if https {
		scheme = "https"
	}
	fmt.Fprintf(e.stderr, "pesanbot: dasbor di %s://%s/%s\n", scheme, ln.Addr(), extra)
	return srv.SendLoginCode()
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
