package whatsapp

import (
	"bytes"
	"context"
	"errors"
	"time"

	"github.com/mdp/qrterminal/v3"
	"go.mau.fi/whatsmeow"
	"go.mau.fi/whatsmeow/store/sqlstore"
)

const pairGuideQR = `
Tautkan WhatsApp toko ke pesanbot / Link the shop's WhatsApp to pesanbot:
  1. Buka WhatsApp di HP toko > Setelan (⋮) > Perangkat tertaut > Tautkan perangkat.
     Open WhatsApp on the shop's phone > Settings > Linked devices > Link a device.
  2. Pindai kode QR yang muncul di bawah (berganti tiap 20 detik).
     Scan the QR code that appears below (it changes every 20 seconds).
Perangkat ini akan tampil sebagai "pesanbot". / It will show up as "pesanbot".
Kode lewat HP: jalankan dengan --pair-phone 62812... / To pair by code instead: --pair-phone 62812...
`

const pairGuidePhone = `
Tautkan WhatsApp toko ke pesanbot dengan kode / Link the shop's WhatsApp with a code:
  1. Buka WhatsApp di HP toko > Setelan (⋮) > Perangkat tertaut > Tautkan perangkat
     > "Tautkan dengan nomor telepon saja".
     Open WhatsApp on the shop's phone > Settings > Linked devices > Link a device
     > "Link with phone number instead".
  2. Ketik kode 8 huruf yang muncul di bawah. / Type the 8-character code shown below.
Perangkat ini akan tampil sebagai "pesanbot". / It will show up as "pesanbot".
`

// pair links a new device: QR codes in the terminal (or a pairing code
// with PairPhone), again with fresh codes each time they run out, until
// the phone links it or ctx ends. Each round uses a new unsaved device and
// client, so nothing of a failed round is reused. It returns the client,
// which reconnects by itself after pairing and then emits Connected.
func (w *WhatsApp) pair(ctx, conn context.Context, container *sqlstore.Container) (*whatsmeow.Client, error) {
	if w.cfg.PairPhone != "" {
		w.say("%s", pairGuidePhone)
	} else {
		w.say("%s", pairGuideQR)
	}
	for attempt := 0; ; {
		cli := w.newClient(conn, container.NewDevice())
		round, cancel := context.WithCancel(ctx)
		qr, err := cli.GetQRChannel(round)
		if err != nil {
			cancel()
			return nil, err
		}
		err = cli.ConnectContext(cli.BackgroundEventCtx)
		w.startupOver()
		if err != nil {
			cancel()
			cli.Disconnect()
			if ctx.Err() != nil {
				return nil, ctx.Err()
			}
			wait := retryDelay(attempt)
			attempt++
			w.unreachable(err, wait)
			if err := w.sleep(ctx, wait); err != nil {
				return nil, err
			}
			continue
		}
		attempt = 0
		w.offline.Store(0)
		paired, err := w.showCodes(round, cli, qr)
		cancel()
		if paired {
			return cli, nil
		}
		cli.Disconnect()
		if err != nil {
			return nil, err
		}
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		w.say("Kode habis waktu; membuat kode baru… / The codes expired; making new ones…")
		if err := w.sleep(ctx, 2*time.Second); err != nil {
			return nil, err
		}
	}
}

// showCodes renders each QR code (or asks for one pairing code) until the
// channel ends, and reports whether the phone linked this device.
func (w *WhatsApp) showCodes(ctx context.Context, cli *whatsmeow.Client, qr <-chan whatsmeow.QRChannelItem) (bool, error) {
	codes := make(chan string, 1)
	asked := false
	for {
		select {
		case <-ctx.Done():
			return false, nil
		case code := <-codes:
			w.say("\nKode tautan / Pairing code:  %s\n", code)
		case item, ok := <-qr:
			if !ok {
				return false, nil
			}
			switch item.Event {
			case whatsmeow.QRChannelEventCode:
				if w.cfg.PairPhone == "" {
					var b bytes.Buffer
					qrterminal.GenerateHalfBlock(item.Code, qrterminal.L, &b)
					w.say("Pindai dalam %v / Scan within %v:\n%s", item.Timeout, item.Timeout, b.String())
					continue
				}
				if !asked {
					asked = true
					w.async(func() { w.requestPairCode(ctx, cli, codes) })
				}
			case whatsmeow.QRChannelSuccess.Event:
				w.say("Berhasil ditautkan! Menyambung… / Linked! Connecting…")
				return true, nil
			case whatsmeow.QRChannelTimeout.Event:
				return false, nil
			case whatsmeow.QRChannelClientOutdated.Event:
				w.alert("WhatsApp menolak versi pesanbot ini. Perbarui pesanbot lalu jalankan lagi.",
					"WhatsApp refuses this version of pesanbot. Update pesanbot, then start it again.")
				return false, ErrClientOutdated
			case whatsmeow.QRChannelScannedWithoutMultidevice.Event:
				w.say("HP ini belum mendukung perangkat tertaut; perbarui WhatsApp di HP lalu pindai lagi. / Update WhatsApp on the phone, then scan again.")
			case whatsmeow.QRChannelEventError:
				w.say("Penautan gagal (%v); mencoba lagi. / Linking failed; trying again.", item.Error)
				w.log.Warn("pairing failed", "err", item.Error)
				return false, nil
			default:
				return false, nil
			}
		}
	}
}

// requestPairCode asks WhatsApp for the 8-character code of PairPhone.
func (w *WhatsApp) requestPairCode(ctx context.Context, cli *whatsmeow.Client, codes chan<- string) {
	code, err := cli.PairPhone(ctx, w.cfg.PairPhone, true, whatsmeow.PairClientChrome, "Chrome (Linux)")
	switch {
	case err == nil:
		codes <- code
	case errors.Is(err, whatsmeow.ErrIQRateOverLimit):
		w.say("WhatsApp menolak: terlalu sering meminta kode; tunggu beberapa menit. / Too many code requests; wait a few minutes.")
	case errors.Is(err, whatsmeow.ErrPhoneNumberTooShort), errors.Is(err, whatsmeow.ErrPhoneNumberIsNotInternational):
		w.say("Nomor --pair-phone tidak valid (contoh 6281234567890). / --pair-phone is not a valid number (e.g. 6281234567890).")
	default:
		if ctx.Err() == nil {
			w.say("Kode tautan tidak didapat (%v); kode baru dicoba lagi. / No pairing code (%v); trying again.", err, err)
		}
	}
}
