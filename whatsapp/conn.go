package whatsapp

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"github.com/pesanbot/pesanbot/bot"
	"os"
	"path/filepath"
	"sync"
	"time"

	"go.mau.fi/whatsmeow"
	"go.mau.fi/whatsmeow/store"
	"go.mau.fi/whatsmeow/store/sqlstore"
	"go.mau.fi/whatsmeow/types"
	"go.mau.fi/whatsmeow/types/events"
	_ "modernc.org/sqlite" // the "sqlite" driver for whatsapp.db

	shopstore "github.com/pesanbot/pesanbot/store"
)

// SessionFile is whatsmeow's database in the data directory. It holds the
// account's keys: never share it, never restore an old copy.
const SessionFile = "whatsapp.db"

// maxReconnectErrors caps whatsmeow's reconnect delay (2 s per failed
// attempt, linear and otherwise unbounded in this version) at a minute.
const maxReconnectErrors = 30

var setDeviceName sync.Once

var _ lidMap = (*sqlstore.CachedLIDMap)(nil)

// openSession opens whatsapp.db beside shop.db: created 0600, WAL, a busy
// timeout and IMMEDIATE transactions (whatsmeow writes Signal state on
// every message; a "database is locked" there loses the message), foreign
// keys on (whatsmeow refuses to start without them).
func openSession(ctx context.Context, dir string, w *WhatsApp) (*sqlstore.Container, error) {
	path := filepath.Join(dir, SessionFile)
	if err := shopstore.CreatePrivate(path); err != nil {
		return nil, err
	}
	c, err := sqlstore.New(ctx, "sqlite", shopstore.DSN(path, 10*time.Second), newWALogger(w.log).Sub("Database"))
	if err != nil {
		return nil, fmt.Errorf("failed to open %s: %w", path, err)
	}
	if err := shopstore.TightenSidecars(path); err != nil {
		c.Close()
		return nil, err
	}
	return c, nil
}

// Serve connects to WhatsApp (pairing first when this data directory has
// no linked device), runs b's outbox delivery, and hands every accepted
// message to b until ctx ends. It reconnects on its own and starts over
// with a fresh device when the phone unlinks pesanbot. On shutdown it
// lets the reply being sent and the message being committed finish, then
// disconnects (it never logs out: the device stays linked).
func (w *WhatsApp) Serve(ctx context.Context, b *bot.Bot) error {
	w.Attach(b)
	setDeviceName.Do(func() {
		// What the phone's "Linked devices" list shows; sent at pairing.
		store.SetOSInfo("pesanbot", [3]uint32{0, 1, 0})
	})
	container, err := openSession(ctx, w.cfg.DataDir, w)
	if err != nil {
		return err
	}
	defer container.Close()
	w.lids = container.LIDMap

	// The outbox loop runs on its own context so shutdown can stop it
	// first and let the reply being sent finish.
	runCtx, stopRun := context.WithCancel(context.WithoutCancel(ctx))
	runDone := make(chan struct{})
	go func() {
		defer close(runDone)
		if err := b.Run(runCtx); err != nil {
			w.log.Error("outbox delivery stopped", "err", err)
		}
	}()
	stopDelivery := func() {
		stopRun()
		<-runDone
	}
	defer stopDelivery()
	// whatsmeow's own context (event handling, acknowledgements,
	// reconnects) outlives ctx until the socket is closed, so the message
	// being handled at shutdown still gets its acknowledgement.
	conn, stopConn := context.WithCancel(context.WithoutCancel(ctx))
	defer stopConn()

	relink := false
	for {
		var cli *whatsmeow.Client
		dev, err := container.GetFirstDevice(ctx)
		switch {
		case err != nil:
			return fmt.Errorf("failed to read %s: %w", SessionFile, err)
		case relink || dev.ID == nil:
			// After a logout always a new device: whatsmeow deletes the old
			// one, maybe not yet by the time the event arrives.
			cli, err = w.pair(ctx, conn, container)
		default:
			if w.cfg.PairPhone != "" {
				w.say("pesanbot: sudah tertaut, --pair-phone diabaikan. / Already linked; --pair-phone ignored.")
			}
			cli = w.newClient(conn, dev)
			err = w.connect(ctx, cli)
		}
		if err != nil {
			if ctx.Err() != nil {
				return nil
			}
			return err
		}
		relink, err = w.watch(ctx, cli)
		if ctx.Err() != nil || err != nil || !relink {
			w.shutdown(cli, stopDelivery)
			return err
		}
		cli.Disconnect()
		// Logged out: whatsmeow deleted the device; the next round pairs a
		// fresh device with a fresh client, never the old ones.
	}
}

// shutdown drains in order: the outbox loop finishes the reply it is
// sending, the message being committed finishes (later ones are refused,
// so WhatsApp delivers them again next start), then the socket closes.
func (w *WhatsApp) shutdown(cli *whatsmeow.Client, stopDelivery func()) {
	stopDelivery()
	w.gate.Lock()
	w.closing = true
	w.gate.Unlock()
	cli.Disconnect()
	w.setConnected(false)
	w.bg.Wait()
	w.log.Info("disconnected from WhatsApp")
}

// newClient makes a client for dev with pesanbot's settings and handler;
// conn becomes whatsmeow's context.
func (w *WhatsApp) newClient(conn context.Context, dev *store.Device) *whatsmeow.Client {
	cli := whatsmeow.NewClient(dev, newWALogger(w.log))
	// Acknowledge a message only after the handler committed it; the
	// decrypted-event buffer lets a refused message come back.
	cli.SynchronousAck = true
	cli.EnableDecryptedEventBuffer = true
	cli.BackgroundEventCtx = newZerolog(w.log).WithContext(conn)
	cli.AutoReconnectHook = func(err error) bool {
		if cli.AutoReconnectErrors > maxReconnectErrors {
			cli.AutoReconnectErrors = maxReconnectErrors
		}
		w.unreachable(err, time.Duration(cli.AutoReconnectErrors)*2*time.Second)
		return true
	}
	gen := w.setClient(cli)
	cli.AddEventHandlerWithSuccessStatus(func(evt any) bool { return w.handleEvent(gen, evt) })
	return cli
}

// connect connects a linked device, retrying while WhatsApp cannot be
// reached. The context becomes whatsmeow's event and reconnect context.
func (w *WhatsApp) connect(ctx context.Context, cli *whatsmeow.Client) error {
	for attempt := 0; ; attempt++ {
		err := cli.ConnectContext(cli.BackgroundEventCtx)
		w.startupOver()
		if err == nil || errors.Is(err, whatsmeow.ErrAlreadyConnected) {
			return nil
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
		wait := retryDelay(attempt)
		w.unreachable(err, wait)
		if err := w.sleep(ctx, wait); err != nil {
			return err
		}
	}
}

// retryDelay backs off 5 s, 10 s, 20 s … up to a minute.
func retryDelay(attempt int) time.Duration {
	return min(5*time.Second<<min(attempt, 4), time.Minute)
}

// unreachable says, in one line, that WhatsApp cannot be reached: the
// terminal line is the report; the cause goes to the debug log only, so a
// retry is never printed twice.
func (w *WhatsApp) unreachable(err error, wait time.Duration) {
	n := w.offline.Add(1)
	w.log.Debug("cannot reach WhatsApp", "attempt", n, "retry_in", wait, "err", err)
	w.say("pesanbot: cannot reach WhatsApp, retrying in %v (tidak bisa terhubung ke WhatsApp — cek internet; mencoba lagi)", wait.Round(time.Second))
}

// watch follows the connection until ctx ends or the session is over. It
// reports relink when the phone unlinked pesanbot and a new pairing is
// needed, and an error when pesanbot must stop.
func (w *WhatsApp) watch(ctx context.Context, cli *whatsmeow.Client) (relink bool, err error) {
	announced := false
	for {
		var evt any
		select {
		case <-ctx.Done():
			return false, nil
		case evt = <-w.lifecycle:
		}
		switch e := evt.(type) {
		case *events.Connected:
			w.offline.Store(0)
			w.mu.Lock()
			w.self = ownIdentity(cli)
			w.mu.Unlock()
			w.setConnected(true)
			if !announced {
				announced = true
				w.say("pesanbot: tersambung ke WhatsApp, melayani pelanggan. / Connected to WhatsApp, serving customers. (Ctrl-C untuk berhenti / to stop)")
			}
			w.log.Info("connected to WhatsApp")
			w.async(func() { w.afterConnect(ctx, cli) })
			w.bot.Kick()
		case *events.Disconnected:
			w.setConnected(false)
			w.log.Warn("connection to WhatsApp lost; reconnecting")
		case *events.KeepAliveTimeout:
			w.log.Warn("WhatsApp is not answering pings", "failures", e.ErrorCount)
		case *events.KeepAliveRestored:
			w.log.Info("WhatsApp answers pings again")
		case *events.LoggedOut:
			w.setConnected(false)
			w.alert(fmt.Sprintf("WhatsApp toko memutus tautan pesanbot (%s). bot.Bot berhenti membalas sampai ditautkan lagi: tautkan ulang dengan kode di bawah.", e.Reason),
				fmt.Sprintf("The shop's WhatsApp unlinked pesanbot (%s). No replies until it is linked again: link it with the new code below.", e.Reason))
			return true, nil
		case *events.StreamReplaced:
			w.setConnected(false)
			w.alert("Sesi WhatsApp ini dipakai program lain (pesanbot kedua?). pesanbot berhenti agar tidak berebut; matikan yang lain lalu jalankan lagi.",
				"Another program connected with this WhatsApp session (a second pesanbot?). pesanbot stops so they do not fight; stop the other one, then start again.")
			return false, ErrStreamReplaced
		case *events.ClientOutdated:
			w.setConnected(false)
			w.alert("WhatsApp menolak versi pesanbot ini. Perbarui pesanbot lalu jalankan lagi.",
				"WhatsApp refuses this version of pesanbot. Update pesanbot, then start it again.")
			return false, ErrClientOutdated
		case *events.TemporaryBan:
			w.setConnected(false)
			wait := e.Expire
			if wait <= 0 {
				wait = time.Hour
			}
			w.alert(fmt.Sprintf("WhatsApp memblokir sementara nomor toko (%v). pesanbot menunggu %v lalu mencoba lagi. Jangan kirim pesan massal ke nomor yang belum menyimpan nomor toko.", e.Code, wait),
				fmt.Sprintf("WhatsApp temporarily banned the shop's number (%v). pesanbot waits %v, then tries again. Do not message people in bulk who have not saved the shop's number.", e.Code, wait))
			if err := w.sleep(ctx, wait); err != nil {
				return false, nil
			}
			if err := w.connect(ctx, cli); err != nil {
				return false, nil
			}
		case *events.ConnectFailure:
			w.setConnected(false)
			w.alert(fmt.Sprintf("WhatsApp menolak sambungan (%s). pesanbot mencoba lagi dalam 1 menit.", e.Reason),
				fmt.Sprintf("WhatsApp refused the connection (%s). pesanbot tries again in a minute.", e.Reason))
			if err := w.sleep(ctx, time.Minute); err != nil {
				return false, nil
			}
			if err := w.connect(ctx, cli); err != nil {
				return false, nil
			}
		case *events.StreamError:
			w.log.Warn("WhatsApp stream error", "code", e.Code)
		}
	}
}

// alert reports something the owner must act on, loudly, in the terminal
// and the log: the bot cannot tell them over WhatsApp when WhatsApp is
// what failed.
func (w *WhatsApp) alert(id, en string) {
	w.say("\n!!! PERHATIAN: %s\n!!! ATTENTION: %s\n", id, en)
	w.log.Error(en)
}

// afterConnect runs the lookups a connection allows, off the event
// goroutine: staff LIDs, and "unavailable" presence so contacts see the
// shop's name (never "available": it silences the owner's phone).
func (w *WhatsApp) afterConnect(ctx context.Context, cli *whatsmeow.Client) {
	w.refreshStaff(ctx, cli)
	if err := cli.SendPresence(ctx, types.PresenceUnavailable); err != nil {
		w.log.Debug("presence not sent", "err", err)
	}
}

// Paired reports whether dir's whatsapp.db holds a linked device, that is
// whether the data directory belongs to a shop on WhatsApp. It only reads:
// a directory without whatsapp.db, or one that never finished pairing, is
// not paired.
func Paired(ctx context.Context, dir string) (bool, error) {
	path := filepath.Join(dir, SessionFile)
	if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
		return false, nil
	}
	db, err := sql.Open("sqlite", shopstore.ReadOnlyDSN(path, 5*time.Second))
	if err != nil {
		return false, fmt.Errorf("failed to open %s: %w", path, err)
	}
	defer db.Close()
	var tables int
	if err := db.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'whatsmeow_device'`).Scan(&tables); err != nil {
		return false, fmt.Errorf("failed to read %s: %w", path, err)
	}
	if tables == 0 {
		return false, nil
	}
	var devices int
	if err := db.QueryRowContext(ctx, `SELECT count(*) FROM whatsmeow_device`).Scan(&devices); err != nil {
		return false, fmt.Errorf("failed to read %s: %w", path, err)
	}
	return devices > 0, nil
}
