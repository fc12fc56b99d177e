package bot

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestMyDataAndErasure(t *testing.T) {
	b, clock, rec, dir := openBot(t, 0, nil)
	b.dataDir = dir
	ctx := context.Background()
	phone := "6281300000095"
	os.MkdirAll(filepath.Join(dir, "media"), 0o700)
	proof := filepath.Join("media", "proof-erase.jpg")
	os.WriteFile(filepath.Join(dir, proof), []byte("jpeg bytes"), 0o600)
	say := func(id, text string, image bool) {
		t.Helper()
		m := Message{ID: id, Phone: phone, PushName: "Zubaidah Qwertyuiop", Text: text}
		if image {
			m.Media, m.Path = "image", proof
		}
		clock.Set(clock.Now().Add(time.Minute))
		if err := b.Receive(ctx, m); err != nil {
			t.Fatal(err)
		}
		if _, err := b.Deliver(ctx); err != nil {
			t.Fatal(err)
		}
	}
	say("E0", "", true) // a photo before any order: kept as a message
	say("E1", "mau bergo maryam hitam 1", false)
	say("E2", "Zubaidah Qwertyuiop, Jl. Xylofon Raya 99 Bekasi 17111, 081233000095, jne", false)
	say("E3", "ya", false)
	say("E4", "data saya apa aja kak", false)
	got := rec.to(phone)
	if last := got[len(got)-1]; !strings.Contains(last, "Xylofon") || !strings.Contains(last, "#1") {
		t.Fatalf("data listing lacks the address or order: %q", last)
	}
	say("E5", "kak tolong hapus data saya", false)
	say("E6", "HAPUS", false)
	say("E7", "YA HAPUS", false)
	got = rec.to(phone)
	if last := got[len(got)-1]; !strings.Contains(last, "sudah kami hapus") {
		t.Fatalf("no erasure confirmation: %q", last)
	}
	var orders, cancelled int
	b.db.SQL().QueryRow(`SELECT count(*), sum(status = 'cancelled') FROM orders`).Scan(&orders, &cancelled)
	if orders != 1 || cancelled != 1 {
		t.Errorf("orders %d cancelled %d: the unpaid order should be kept, cancelled and anonymised", orders, cancelled)
	}
	if _, err := os.Stat(filepath.Join(dir, proof)); !os.IsNotExist(err) {
		t.Errorf("the customer's photo was not deleted: %v", err)
	}
	backup := filepath.Join(t.TempDir(), "after-erasure.db")
	if err := b.db.Backup(ctx, backup); err != nil {
		t.Fatal(err)
	}
	b.db.Close()
	for _, name := range []string{"shop.db", "shop.db-wal", backup} {
		if !filepath.IsAbs(name) {
			name = filepath.Join(dir, name)
		}
		raw, err := os.ReadFile(name)
		if err != nil {
			continue
		}
		for _, secret := range []string{"Qwertyuiop", "Xylofon", "081233000095", "6281233000095"} {
			if bytes.Contains(raw, []byte(secret)) {
				t.Errorf("%s still contains %q after erasure", name, secret)
			}
		}
	}
}

func TestErasureWaitsForOpenOrders(t *testing.T) {
	b, _, rec, _ := openBot(t, 0, nil)
	ctx := context.Background()
	phone := "6281300000096"
	for i, text := range []string{"mau bergo maryam hitam 1", "Ani, Jl. Melati 1 Bekasi 17111, 081233000096, jne", "ya"} {
		if err := b.Receive(ctx, Message{ID: fmt.Sprint("W", i), Phone: phone, Text: text}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := b.Command(ctx, ownerPhone, "/lunas 1"); err != nil {
		t.Fatal(err)
	}
	if err := b.Receive(ctx, Message{ID: "W9", Phone: phone, Text: "hapus data saya"}); err != nil {
		t.Fatal(err)
	}
	b.Deliver(ctx)
	got := rec.to(phone)
	if last := got[len(got)-1]; !strings.Contains(last, "masih punya pesanan") {
		t.Errorf("erasure with a paid order not yet shipped: %q", last)
	}
	if n := countContaining(rec.to(ownerPhone), "minta datanya dihapus"); n != 1 {
		t.Errorf("owner not asked to review")
	}
}

func TestRetentionAnonymisesOldClosedOrders(t *testing.T) {
	b, clock, _, dir := openBot(t, 0, nil)
	b.dataDir = dir
	ctx := context.Background()
	os.MkdirAll(filepath.Join(dir, "media"), 0o700)
	proof := filepath.Join("media", "old-proof.jpg")
	os.WriteFile(filepath.Join(dir, proof), []byte("x"), 0o600)
	phone := "6281300000097"
	for i, m := range []Message{
		{Phone: phone, PushName: "Retno Wulan", Text: "mau bergo maryam hitam 1"},
		{Phone: phone, Text: "Retno Wulan, Jl. Kuno 1 Bekasi 17111, 081233000097, jne"},
		{Phone: phone, Text: "ya"},
		{Phone: phone, Media: "image", Path: proof},
	} {
		clock.Set(clock.Now().Add(time.Minute))
		m.ID = fmt.Sprint("R", i)
		if err := b.Receive(ctx, m); err != nil {
			t.Fatal(err)
		}
	}
	for _, c := range []string{"/lunas 1", "/kirim 1 JNE 123", "/selesai 1"} {
		if _, err := b.Command(ctx, ownerPhone, c); err != nil {
			t.Fatal(err)
		}
	}
	// Thirteen months later, after the 03:00 retention run is due.
	later := clock.Now().AddDate(0, 13, 0)
	clock.Set(time.Date(later.Year(), later.Month(), later.Day(), 4, 0, 0, 0, b.shop.Location))
	for i := 0; i < 2; i++ { // idempotent
		if err := b.Sweep(ctx); err != nil {
			t.Fatal(err)
		}
	}
	var name, address string
	b.db.SQL().QueryRow(`SELECT name, address FROM orders WHERE id = 1`).Scan(&name, &address)
	if !strings.HasPrefix(name, "Pelanggan #") || address != "" {
		t.Errorf("old order kept %q, %q", name, address)
	}
	var proofs, phones int
	b.db.SQL().QueryRow(`SELECT count(*) FROM payment_proof`).Scan(&proofs)
	b.db.SQL().QueryRow(`SELECT count(*) FROM customer WHERE phone = ?`, phone).Scan(&phones)
	if proofs != 0 || phones != 0 {
		t.Errorf("after retention: %d proofs, %d customers with the phone", proofs, phones)
	}
	if _, err := os.Stat(filepath.Join(dir, proof)); !os.IsNotExist(err) {
		t.Errorf("old proof file not deleted: %v", err)
	}
}
