package main

import (
	"time"

	"github.com/pesanbot/pesanbot/flows/lang"

	"context"
	"errors"
	"fmt"
	"net"

	"github.com/pesanbot/pesanbot/bot"
	"github.com/pesanbot/pesanbot/web"
	"github.com/pesanbot/pesanbot/whatsapp"
)

// cmdRun connects to WhatsApp and serves until a signal: one process per
// data directory, pairing on first start.
func (e *environment) cmdRun(args []string) error {
	fs, data := e.flags("run")
	pairPhone := fs.String("pair-phone", "", "`NOMOR` tautkan dengan kode 8 karakter untuk nomor ini, bukan kode QR")
	httpAddr := fs.String("http", web.DefaultAddr, "`ALAMAT` alamat dasbor, host:port, atau off tanpa dasbor")
	password := fs.String("password", "", "`SANDI` kata sandi dasbor, wajib selain di 127.0.0.1, minimal 8 karakter (atau PESANBOT_DASHBOARD_PASSWORD)")
	cert := fs.String("tls-cert", "", "`FILE` sertifikat TLS untuk dasbor (melayani HTTPS)")
	key := fs.String("tls-key", "", "`FILE` kunci TLS")
	if rest, err := parse(fs, args); err != nil {
		return err
	} else if len(rest) > 0 {
		return usagef("run tidak menerima argumen; hanya --data, --pair-phone, --http, --password, --tls-cert dan --tls-key")
	}
	phone := ""
	if *pairPhone != "" {
		p, err := lang.NormalizePhone(*pairPhone)
		if err != nil {
			return usagef("--pair-phone %q bukan nomor telepon (contoh 6281234567890)", *pairPhone)
		}
		phone = p
	}
	dashboard := *httpAddr != "off"
	pw, err := e.dashboardPassword(fs, *password)
	if err != nil {
		return err
	}
	// bot.lock names run and its dashboard's address, for a `dashboard`
	// started beside it.
	note := lockNote{Command: "run"}
	if dashboard {
		if err := checkDashboardFlags(*httpAddr, *cert, *key); err != nil {
			return err
		}
		scheme := "http"
		if *cert != "" {
			scheme = "https"
		}
		note.Dashboard = scheme + "://" + *httpAddr + "/"
	}
	s, err := e.openLocked(*data, note)
	if err != nil {
		return err
	}
	defer s.Close()
	dir := s.dir
	log := e.logger()
	tuneMemory(e.getenv)
	wa := whatsapp.New(whatsapp.Config{DataDir: dir, PairPhone: phone, Terminal: e.stdout, Log: log, Started: func() { releaseStartup(log) }})
	rates, tracker, err := liveShipping(s.shop, time.Now, log)
	if err != nil {
		return err
	}
	b := bot.New(bot.Config{DB: s.db, Shop: s.shop, Log: log, Transport: wa, Forget: wa, Realtime: true, DataDir: dir,
		Rates: rates, Tracker: tracker})
	// The owner's dashboard beside WhatsApp: same bot, same commands. It
	// listens before anything starts, so an address in use stops run here.
	var srv *web.Server
	var ln net.Listener
	if dashboard {
		srv, ln, err = e.listenDashboard(web.Config{Bot: b, DB: s.db, Shop: s.shop, Addr: *httpAddr, Log: log,
			Password: pw, TLSCert: *cert, TLSKey: *key, LoginCode: e.printLoginCode})
		if err != nil {
			return err
		}
	}
	ctx, cancel := context.WithCancel(e.ctx)
	defer cancel()
	dashDone := make(chan struct{})
	if srv == nil {
		close(dashDone)
	} else {
		go func() {
			defer close(dashDone)
			if err := srv.Serve(ctx, ln); err != nil && ctx.Err() == nil {
				log.Error("dashboard stopped", "err", err)
			}
		}()
	}
	defer func() { cancel(); <-dashDone }()
	if err := b.StartSchedule(ctx); err != nil {
		return err
	}
	// A backup under way is cancelled and cleaned up before the database closes.
	defer func() { cancel(); b.WaitSchedule() }()
	fmt.Fprintf(e.stdout, "pesanbot %s — %s (data: %s)\n", version, s.shop.Name, dir)
	if srv != nil {
		if err := e.announceDashboard(srv, ln, *cert != "", " (kode baru: tombol \"Minta kode baru\" di halaman masuk)"); err != nil {
			return err
		}
	}
	err = wa.Serve(ctx, b)
	cancel()
	switch {
	case errors.Is(err, whatsapp.ErrStreamReplaced), errors.Is(err, whatsapp.ErrClientOutdated):
		return err
	case err != nil:
		return fmt.Errorf("sambungan WhatsApp gagal: %w", err)
	}
	fmt.Fprintln(e.stdout, "pesanbot berhenti. / pesanbot stopped.")
	return nil
}
