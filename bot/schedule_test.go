package bot

import (
	"context"
	"errors"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/robfig/cron/v3"

	"github.com/pesanbot/pesanbot/config"
	"github.com/pesanbot/pesanbot/flows"
	"github.com/pesanbot/pesanbot/store"
)

const (
	ownerPhone = "6281200000001"
	csPhone    = "6281200000002"
)

// orderScript places one unpaid order for a customer.
func orderScript(phone string) string {
	return phone + " (Uji): mau pashmina dusty pink 2\n" +
		phone + ": Uji Coba, Jl. Veteran 3 Malang Jawa Timur 65111, 081233000099, jne\n" +
		phone + ": ya\n"
}

func queryInt(t *testing.T, b *Bot, q string, args ...any) int {
	t.Helper()
	var n int
	if err := b.db.SQL().QueryRow(q, args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return n
}

func textsTo(events []Event, chat string) []string {
	var out []string
	for _, e := range events {
		if e.Dir == "out" && e.Chat == chat {
			out = append(out, e.Text)
		}
	}
	return out
}

func countContaining(texts []string, sub string) int {
	n := 0
	for _, t := range texts {
		if strings.Contains(t, sub) {
			n++
		}
	}
	return n
}

func TestUnpaidReminderThenCancel(t *testing.T) {
	b, clock, events := newTestBot(t, config.SampleShopYAML, config.SampleCatalogCSV, testStart)
	before := queryInt(t, b, `SELECT stock FROM variant v JOIN product p ON p.id = v.product_id WHERE p.sku = 'PSM-02' AND v.name = 'Dusty Pink'`)
	runScript(t, b, clock, events, orderScript("6281300000020")+"~ 3d\n")
	got := textsTo(*events, "6281300000020")
	remind, cancel := -1, -1
	for i, s := range got {
		if strings.Contains(s, "masih menunggu pembayaran") {
			remind = i
		}
		if strings.Contains(s, "kami batalkan") {
			cancel = i
		}
	}
	if remind < 0 || cancel < 0 || remind > cancel {
		t.Fatalf("want a reminder then a cancellation, got %q", got)
	}
	if n := countContaining(got, "masih menunggu pembayaran"); n != 1 {
		t.Errorf("%d payment reminders, want 1", n)
	}
	if st := queryInt(t, b, `SELECT count(*) FROM orders WHERE status = 'cancelled'`); st != 1 {
		t.Errorf("order not cancelled")
	}
	after := queryInt(t, b, `SELECT stock FROM variant v JOIN product p ON p.id = v.product_id WHERE p.sku = 'PSM-02' AND v.name = 'Dusty Pink'`)
	if after != before {
		t.Errorf("stock %d after cancellation, want %d restored", after, before)
	}
}

// TestExpiryPlannedByTheReminder: an order plans only its payment
// reminder; the reminder plans the hold's end for an order still unpaid,
// and an order paid before then never writes an expiry row.
func TestExpiryPlannedByTheReminder(t *testing.T) {
	b, clock, events := newTestBot(t, config.SampleShopYAML, config.SampleCatalogCSV, testStart)
	runScript(t, b, clock, events, orderScript("6281300000024")+orderScript("6281300000025"))
	kinds := `SELECT count(*) FROM follow_up WHERE kind = ? AND subject = ?`
	for id := 1; id <= 2; id++ {
		if n := queryInt(t, b, kinds, flows.FollowUpPaymentReminder, id); n != 1 {
			t.Fatalf("order %d: %d payment reminders planned, want 1", id, n)
		}
		if n := queryInt(t, b, kinds, flows.FollowUpPaymentExpire, id); n != 0 {
			t.Fatalf("order %d: expiry planned with the order", id)
		}
	}
	runScript(t, b, clock, events, ownerPhone+": /lunas 2\n~ 3d\n")
	if n := queryInt(t, b, `SELECT count(*) FROM follow_up WHERE kind = ? AND subject = 1 AND done_at IS NOT NULL AND due_at = (SELECT hold_until FROM orders WHERE id = 1)`,
		flows.FollowUpPaymentExpire); n != 1 {
		t.Errorf("unpaid order 1: the reminder did not plan the hold's end at hold_until")
	}
	if n := queryInt(t, b, kinds, flows.FollowUpPaymentExpire, 2); n != 0 {
		t.Errorf("paid order 2: an expiry row was written")
	}
	if n := queryInt(t, b, `SELECT count(*) FROM orders WHERE id = 2 AND status = 'paid'`); n != 1 {
		t.Errorf("paid order 2 is no longer paid")
	}
	if n := queryInt(t, b, `SELECT count(*) FROM orders WHERE id = 1 AND status = 'cancelled'`); n != 1 {
		t.Errorf("unpaid order 1 was not cancelled at the hold's end")
	}
}

func TestVerificationNeverCancelledByTime(t *testing.T) {
	b, clock, events := newTestBot(t, config.SampleShopYAML, config.SampleCatalogCSV, testStart)
	runScript(t, b, clock, events, orderScript("6281300000021")+"6281300000021: [gambar] sudah tf\n~ 5d\n")
	if n := queryInt(t, b, `SELECT count(*) FROM orders WHERE status = 'awaiting_verification'`); n != 1 {
		t.Fatalf("order with a proof was not kept awaiting verification")
	}
	reminders := countContaining(textsTo(*events, ownerPhone), "menunggu cek bukti transfer")
	if reminders < 3 || reminders > 7 {
		t.Errorf("%d staff reminders over 5 days, want about one a day", reminders)
	}
	if n := countContaining(textsTo(*events, "6281300000021"), "kami batalkan"); n != 0 {
		t.Errorf("customer told of a cancellation")
	}
}

// TestQuietHoursAcrossMidnight checks that no customer follow-up goes out
// between 21:00 and 08:00 in the shop's zone, whatever the machine's zone.
func TestQuietHoursAcrossMidnight(t *testing.T) {
	for _, zone := range []string{"UTC", "America/New_York", "Asia/Jakarta"} {
		t.Run(zone, func(t *testing.T) {
			loc, err := time.LoadLocation(zone)
			if err != nil {
				t.Skip(err)
			}
			saved := time.Local
			time.Local = loc
			defer func() { time.Local = saved }()
			// A complaint at 20:30 WIB with a 2h promise falls in the night.
			yaml := strings.Replace(config.SampleShopYAML, "  answer_within: 24h\n  follow_up_every: 24h", "  answer_within: 2h\n  follow_up_every: 3h", 1)
			if yaml == config.SampleShopYAML {
				t.Fatal("sample shop.yaml changed: update this test")
			}
			start := time.Date(2026, 11, 26, 13, 30, 0, 0, time.UTC) // 20:30 WIB
			b, clock, events := newTestBot(t, yaml, config.SampleCatalogCSV, start)
			runScript(t, b, clock, events, "6281300000022 (Mira): paket saya blm nyampe kak udah seminggu\n~ 2d\n")
			wib := time.FixedZone("WIB", 7*3600)
			first := true
			for _, e := range *events {
				if e.Dir != "out" || e.Chat != "6281300000022" {
					continue
				}
				if first {
					first = false // the immediate answer to the customer's own message
					continue
				}
				h := e.At.In(wib).Hour()
				if h >= 21 || h < 8 {
					t.Errorf("follow-up to the customer at %s WIB: %q", e.At.In(wib).Format("15:04"), e.Text)
				}
			}
			if countContaining(textsTo(*events, "6281300000022"), "masih kami proses") == 0 {
				t.Errorf("no follow-up at all: %q", textsTo(*events, "6281300000022"))
			}
		})
	}
}

func TestDowntimeRunsEachItemOnce(t *testing.T) {
	for _, tc := range []struct {
		name  string
		down  time.Duration
		stale bool
	}{{"1h", time.Hour, false}, {"1d", 25 * time.Hour, true}, {"15d", 15 * 24 * time.Hour, true}} {
		t.Run(tc.name, func(t *testing.T) {
			b, clock, events := newTestBot(t, config.SampleShopYAML, config.SampleCatalogCSV, testStart)
			runScript(t, b, clock, events, orderScript("6281300000023"))
			// The process is down from now until the hold has ended + down.
			hold := queryInt(t, b, `SELECT hold_until FROM orders WHERE id = 1`)
			wake := time.UnixMilli(int64(hold)).Add(tc.down)
			if wib := wake.In(b.Shop().Location); wib.Hour() >= 21 || wib.Hour() < 8 {
				wake = wake.Add(12 * time.Hour) // wake in the day, so quiet hours do not postpone
			}
			clock.Set(wake)
			for restart := 0; restart < 2; restart++ {
				if err := b.Sweep(context.Background()); err != nil {
					t.Fatal(err)
				}
				if _, err := b.Deliver(context.Background()); err != nil {
					t.Fatal(err)
				}
			}
			cust := textsTo(*events, "6281300000023")
			reminders := countContaining(cust, "masih menunggu pembayaran")
			cancels := countContaining(cust, "kami batalkan")
			if n := queryInt(t, b, `SELECT count(*) FROM orders WHERE status = 'cancelled'`); n != 1 {
				t.Errorf("order not cancelled after downtime")
			}
			owner := textsTo(*events, ownerPhone)
			staleNotes := countContaining(owner, "terlewat")
			if tc.stale {
				if reminders != 0 || cancels != 0 || staleNotes != 1 {
					t.Errorf("stale: customer got %d reminders, %d cancels; owner %d stale notes; want 0, 0, 1", reminders, cancels, staleNotes)
				}
			} else if reminders > 1 || cancels != 1 || staleNotes != 0 {
				t.Errorf("fresh: %d reminders, %d cancels, %d stale notes; want <=1, 1, 0", reminders, cancels, staleNotes)
			}
			if n := queryInt(t, b, `SELECT count(*) FROM follow_up WHERE done_at IS NULL AND due_at <= ?`, wake.UnixMilli()); n != 0 {
				t.Errorf("%d due follow-ups left", n)
			}
		})
	}
}

func TestTwoSweepsRacing(t *testing.T) {
	b, clock, events := newTestBot(t, config.SampleShopYAML, config.SampleCatalogCSV, testStart)
	for i := 0; i < 5; i++ {
		phone := "62813000003" + string(rune('0'+i)) + "0"
		runScript(t, b, clock, events, orderScript(phone))
	}
	clock.Set(clock.Now().Add(30 * time.Hour))
	var wg sync.WaitGroup
	for i := 0; i < 4; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := b.Sweep(context.Background()); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	if n := queryInt(t, b, `SELECT count(*) FROM outbox WHERE text LIKE '%kami batalkan%'`); n != 5 {
		t.Errorf("%d cancellation messages for 5 orders", n)
	}
	if n := queryInt(t, b, `SELECT count(*) FROM follow_up WHERE kind = 'payment_expire' AND attempt != 1`); n != 0 {
		t.Errorf("%d expiries ran other than once", n)
	}
}

// TestCrashBetweenReadAndCommit runs a follow-up's work and then fails
// before the commit, as a crash would: nothing is kept, and the next sweep
// does the work exactly once.
func TestCrashBetweenReadAndCommit(t *testing.T) {
	b, clock, events := newTestBot(t, config.SampleShopYAML, config.SampleCatalogCSV, testStart)
	runScript(t, b, clock, events, orderScript("6281300000040"))
	clock.Set(clock.Now().Add(30 * time.Hour))
	ctx := context.Background()
	due, err := b.db.DueFollowUps(ctx, clock.Now(), 10)
	if err != nil || len(due) == 0 {
		t.Fatalf("due = %v, %v", due, err)
	}
	crash := errors.New("crash")
	err = b.db.Update(ctx, func(tx *store.Tx) error {
		f, ok, err := tx.FollowUp(due[0])
		if err != nil || !ok {
			t.Fatalf("re-read: %v %v", ok, err)
		}
		res := flows.RunFollowUp(b.shop, f, tx.Now(), tx, nil)
		if err := tx.Apply(res.Effects, ""); err != nil {
			return err
		}
		if err := b.enqueue(tx, "", res.Replies, "x"); err != nil {
			return err
		}
		return crash
	})
	if !errors.Is(err, crash) {
		t.Fatalf("err = %v", err)
	}
	if n := queryInt(t, b, `SELECT count(*) FROM outbox WHERE source = 'x'`); n != 0 {
		t.Fatalf("a rolled-back follow-up left %d outbox rows", n)
	}
	if err := b.Sweep(ctx); err != nil {
		t.Fatal(err)
	}
	if err := b.Sweep(ctx); err != nil {
		t.Fatal(err)
	}
	if n := queryInt(t, b, `SELECT count(*) FROM outbox WHERE text LIKE '%masih menunggu pembayaran%'`); n != 1 {
		t.Errorf("%d reminders after the crash, want 1", n)
	}
}

func TestPanickingJobIsRecovered(t *testing.T) {
	var logs strings.Builder
	log := slog.New(slog.NewTextHandler(&logs, nil))
	chain := cron.NewChain(cron.Recover(cronLogger{log}))
	chain.Then(cron.FuncJob(func() { panic("boom") })).Run()
	if !strings.Contains(logs.String(), "boom") {
		t.Errorf("panic not logged: %q", logs.String())
	}
	// The real scheduler is built with the same chain and the shop's zone.
	loc, _ := time.LoadLocation("Asia/Makassar")
	c := newCron(loc, log)
	if c.Location() != loc {
		t.Errorf("cron zone = %v, want %v", c.Location(), loc)
	}
}

func TestHandoverCapWakesBot(t *testing.T) {
	b, clock, events := newTestBot(t, config.SampleShopYAML, config.SampleCatalogCSV, testStart)
	runScript(t, b, clock, events, "6281300000050 (Nina): mau ngomong sama admin\n6281300000050: halo? kok lama\n~ 3h\n")
	cust := textsTo(*events, "6281300000050")
	if countContaining(cust, "menunggu lama") != 1 {
		t.Errorf("customer not told the bot is back: %q", cust)
	}
	if countContaining(textsTo(*events, ownerPhone), "menunggu admin sejak") != 1 {
		t.Errorf("staff not warned")
	}
	// Answered by hand: no warning.
	b2, clock2, events2 := newTestBot(t, config.SampleShopYAML, config.SampleCatalogCSV, testStart)
	runScript(t, b2, clock2, events2, "6281300000051 (Oki): admin dong\n")
	if err := b2.HumanReplied(context.Background(), "6281300000051"); err != nil {
		t.Fatal(err)
	}
	runScript(t, b2, clock2, events2, "~ 5h\n")
	if countContaining(textsTo(*events2, ownerPhone), "menunggu admin sejak") != 0 {
		t.Errorf("staff warned although nobody was waiting")
	}
}

func TestDailySummaryOncePerDay(t *testing.T) {
	b, clock, events := newTestBot(t, config.SampleShopYAML, config.SampleCatalogCSV, testStart)
	runScript(t, b, clock, events, orderScript("6281300000060")+"~ 2d\n")
	if n := countContaining(textsTo(*events, ownerPhone), "📊 Ringkasan"); n != 2 {
		t.Errorf("%d daily summaries over two evenings, want 2", n)
	}
	// Restart in the same evening: no second summary.
	for i := 0; i < 2; i++ {
		if err := b.Sweep(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
	if n := queryInt(t, b, `SELECT count(*) FROM follow_up WHERE kind = 'daily_summary'`); n != 2 {
		t.Errorf("%d summary rows, want 2", n)
	}
}

// TestComplaintLadder walks the whole ladder with assertions: staff
// reminded, customer updated at each promise, owner escalated once,
// closed, reopened by "belum", closed again and auto-closed after a day.
func TestComplaintLadder(t *testing.T) {
	b, clock, events := newTestBot(t, config.SampleShopYAML, config.SampleCatalogCSV, testStart)
	runScript(t, b, clock, events, `6281300000070 (Lina): mau tunik kirana 1
6281300000070: Lina, Jl. Gatot Subroto 7 Medan 20112, 081233000070, jne
6281300000070: ya
owner: /lunas 1
owner: /kirim 1 JNE 0111
6281300000070: kak barangnya sobek
~ 4d
`)
	cust := textsTo(*events, "6281300000070")
	owner := textsTo(*events, ownerPhone)
	if n := countContaining(cust, "masih kami proses"); n < 3 {
		t.Errorf("%d updates over 4 days of silence, want one per promise", n)
	}
	if n := countContaining(owner, "belum dibalas"); n < 3 {
		t.Errorf("%d staff reminders, want one before each promise", n)
	}
	if n := countContaining(owner, "kali lewat janji"); n != 1 {
		t.Errorf("%d escalations, want exactly 1", n)
	}
	runScript(t, b, clock, events, "owner: /tutup 1 diganti\n6281300000070: belum kak\n")
	if s := queryInt(t, b, `SELECT count(*) FROM complaint WHERE status = 'open'`); s != 1 {
		t.Fatalf("belum did not reopen the complaint")
	}
	runScript(t, b, clock, events, "owner: /tutup 1 dikirim ulang\n~ 2d\n")
	if s := queryInt(t, b, `SELECT count(*) FROM complaint WHERE status = 'resolved' AND settle_asked_at IS NULL`); s != 1 {
		t.Errorf("no answer in a day did not close the question")
	}
	if n := queryInt(t, b, `SELECT count(*) FROM follow_up WHERE kind = 'complaint_settle' AND result LIKE 'closed%'`); n != 1 {
		t.Errorf("auto-close not recorded")
	}
}

// TestDetailsInsteadOfQuantity: after "tinggal 4, mau ambil 4 saja?", a
// reply with the delivery details keeps them and never reads the house
// number as the quantity.
func TestDetailsInsteadOfQuantity(t *testing.T) {
	b, clock, events := newTestBot(t, config.SampleShopYAML, config.SampleCatalogCSV, testStart)
	runScript(t, b, clock, events, `6281300000080 (Ani): mau khimar maroon 10
6281300000080: Ani, Jl. Mawar 3 Bekasi 17111, 081233000080, jne
6281300000080: ya
6281300000080: ya
`)
	var qty int
	if err := b.db.SQL().QueryRow(`SELECT qty FROM order_line`).Scan(&qty); err != nil {
		t.Fatalf("no order: %v\n%q", err, textsTo(*events, "6281300000080"))
	}
	if qty != 4 {
		t.Errorf("ordered %d, want the 4 in stock", qty)
	}
}

func TestNameWithDigits(t *testing.T) {
	b, clock, events := newTestBot(t, config.SampleShopYAML, config.SampleCatalogCSV, testStart)
	runScript(t, b, clock, events, `6281300000081 (Rina): mau bergo maryam hitam 1
6281300000081: sudah
6281300000081: Rina 101
6281300000081: Jl. Melati No. 12, Bekasi 17111
6281300000081: sama
6281300000081: jne
6281300000081: ya
`)
	var name string
	if err := b.db.SQL().QueryRow(`SELECT name FROM orders`).Scan(&name); err != nil || name != "Rina 101" {
		t.Errorf("order name %q, %v; replies %q", name, err, textsTo(*events, "6281300000081"))
	}
}

// TestProductAtConfirmIsNotYes: naming a product at the summary adds it;
// only "ya" places the order.
func TestProductAtConfirmIsNotYes(t *testing.T) {
	b, clock, events := newTestBot(t, config.SampleShopYAML, config.SampleCatalogCSV, testStart)
	runScript(t, b, clock, events, `6281300000082 (Ani): mau pashmina hitam 1
6281300000082: Ani, Jl. Mawar 3 Bekasi 17111, 081233000082, jne
6281300000082: mau bergo maryam hitam 1
`)
	if n := queryInt(t, b, `SELECT count(*) FROM orders`); n != 0 {
		t.Fatalf("%d orders before any ya", n)
	}
	runScript(t, b, clock, events, "6281300000082: ya\n")
	if n := queryInt(t, b, `SELECT count(*) FROM order_line`); n != 2 {
		t.Errorf("%d lines in the order, want pashmina and bergo", n)
	}
}
