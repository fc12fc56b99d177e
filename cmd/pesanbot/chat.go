package main

import (
	"github.com/pesanbot/pesanbot/flows/lang"

	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"
	"sync/atomic"
	"time"
	"unicode/utf8"

	"github.com/pesanbot/pesanbot/bot"
	"github.com/pesanbot/pesanbot/flows"
	"github.com/pesanbot/pesanbot/store"
	"github.com/pesanbot/pesanbot/whatsapp"
)

// pasteGap joins lines that arrive closer than this into one message, so a
// pasted "format order" is one message as it would be on WhatsApp.
const pasteGap = 60 * time.Millisecond

func (e *environment) cmdChat(args []string) error {
	fs, data := e.flags("chat")
	as := fs.String("as", "6281111111111", "`NOMOR` nomor WhatsApp pelanggan, atau owner untuk mencoba perintah staf")
	name := fs.String("name", "Tamu", "`NAMA` nama WhatsApp pelanggan (sapaan: Halo Kak NAMA)")
	if rest, err := parse(fs, args); err != nil {
		return err
	} else if len(rest) > 0 {
		return usagef("chat tidak menerima argumen; hanya --as, --name dan --data")
	}
	// chat delivers the outbox to the terminal: never beside a running
	// `pesanbot run` on the same data, which would lose WhatsApp replies.
	s, err := e.openLocked(*data, lockNote{Command: "chat"})
	if err != nil {
		return err
	}
	defer s.Close()
	dir := s.dir
	phone := *as
	if strings.EqualFold(phone, "owner") {
		if len(s.shop.Owners) == 0 {
			return fmt.Errorf("shop.yaml has no owner number")
		}
		phone = s.shop.Owners[0]
	} else if phone, err = lang.NormalizePhone(*as); err != nil {
		return usagef("--as %q bukan nomor telepon (contoh 081234567890) atau owner", *as)
	}
	// Each Enter is a turn in the terminal: pasted lines are joined instead.
	shop := *s.shop
	shop.BurstWindow = 0
	term := &terminal{e: e, me: phone, shop: &shop}
	rates, tracker, err := liveShipping(&shop, time.Now, e.logger())
	if err != nil {
		return err
	}
	b := bot.New(bot.Config{DB: s.db, Shop: &shop, Log: e.logger(), Transport: term, Realtime: true, DataDir: dir,
		Forget: whatsapp.Session{DataDir: dir}, Rates: rates, Tracker: tracker})
	// Follow-ups run on the real clock while chatting, as they would live.
	ctx, cancel := context.WithCancel(e.ctx)
	defer cancel()
	if err := b.StartSchedule(ctx); err != nil {
		return err
	}
	// A start-up backup under way is cancelled and cleaned up before the
	// database closes (a chat may end at once).
	defer func() { cancel(); b.WaitSchedule() }()
	role := shop.RoleOf(phone)
	who := "pelanggan " + phone
	if role != "" {
		who = string(role) + " " + phone + " (perintah diawali /, ketik /bantuan)"
	}
	// The header comes first, before the delivery loop shows any reply.
	fmt.Fprintf(e.stdout, "pesanbot chat — %s sebagai %s. Ketik pesan lalu Enter; \"[gambar] teks\" mengirim gambar; Ctrl-D keluar.\n", shop.Name, who)
	done := make(chan error, 1)
	go func() { done <- b.Run(ctx) }()
	defer func() { cancel(); <-done }()
	if _, err := b.Deliver(e.ctx); err != nil {
		return err
	}
	var seq atomic.Int64
	note := func(s string) { fmt.Fprintln(e.stderr, "pesanbot:", s) }
	for msg := range readMessages(e.ctx, e.stdin, note) {
		m := bot.Message{ID: fmt.Sprintf("CHAT%d-%d", time.Now().UnixNano(), seq.Add(1)), Phone: phone, PushName: *name, Text: msg}
		if rest, ok := strings.CutPrefix(strings.TrimSpace(msg), "[gambar]"); ok {
			m.Media, m.Text = flows.MediaImage, strings.TrimSpace(rest)
		}
		if err := b.Receive(e.ctx, m); err != nil {
			fmt.Fprintln(e.stderr, "pesanbot: pesan tidak tersimpan:", err)
			continue
		}
		if _, err := b.Deliver(e.ctx); err != nil {
			fmt.Fprintln(e.stderr, "pesanbot: balasan tertunda:", err)
		}
	}
	return nil
}

// maxLine is the longest terminal line kept as a message; WhatsApp itself
// stops near 65,536 characters. What is beyond it is skipped, the user is
// told, and reading goes on.
const maxLine = 1 << 20

// readMessages turns terminal lines into messages, joining pasted lines. A
// line longer than maxLine is cut there, with a note through notice.
func readMessages(ctx context.Context, in interface{ Read([]byte) (int, error) }, notice func(string)) <-chan string {
	lines := make(chan string)
	go func() {
		defer close(lines)
		r := bufio.NewReaderSize(in, 64*1024)
		for {
			line, cut, err := readLine(r, maxLine)
			if cut {
				notice(fmt.Sprintf("pesan itu panjang sekali (lebih dari %d KB), jadi hanya bagian awalnya yang dikirim; pesan berikutnya tetap dibaca.", maxLine>>10))
			}
			if err == nil || line != "" {
				select {
				case lines <- line:
				case <-ctx.Done():
					return
				}
			}
			if err != nil {
				return
			}
		}
	}()
	out := make(chan string)
	go func() {
		defer close(out)
		for {
			var l string
			var ok bool
			select {
			case l, ok = <-lines:
			case <-ctx.Done():
				return
			}
			if !ok {
				return
			}
			parts := []string{l}
		more:
			for {
				select {
				case next, ok := <-lines:
					if !ok {
						break more
					}
					parts = append(parts, next)
				case <-time.After(pasteGap):
					break more
				}
			}
			msg := strings.Join(parts, "\n")
			if strings.TrimSpace(msg) == "" {
				continue
			}
			select {
			case out <- msg:
			case <-ctx.Done():
				return
			}
		}
	}()
	return out
}

// readLine reads one line of any length without its line ending, keeping
// at most limit bytes (cut at a character boundary); cut reports that the
// rest was skipped. err is io.EOF after the last line.
func readLine(r *bufio.Reader, limit int) (line string, cut bool, err error) {
	var buf []byte
	for {
		chunk, err := r.ReadSlice('\n')
		if room := limit - len(buf); len(chunk) > room {
			chunk, cut = chunk[:max(room, 0)], true
		}
		buf = append(buf, chunk...)
		if errors.Is(err, bufio.ErrBufferFull) {
			continue
		}
		for i := 0; cut && i < utf8.UTFMax-1; i++ { // a character cut in two
			if r, size := utf8.DecodeLastRune(buf); r != utf8.RuneError || size != 1 {
				break
			}
			buf = buf[:len(buf)-1]
		}
		buf = bytes.TrimSuffix(bytes.TrimSuffix(buf, []byte("\n")), []byte("\r"))
		return string(buf), cut, err
	}
}

// terminal is the chat transport: the user's own chat in full, messages to
// other numbers (staff notifications, customers told by a command) marked.
type terminal struct {
	e    *environment
	me   string
	shop *flows.Shop
}

func (t *terminal) Send(_ context.Context, m store.Outgoing) error {
	img := ""
	if m.Image != "" {
		img = "[gambar] "
	}
	if m.Chat == t.me {
		fmt.Fprintf(t.e.stdout, "\n🤖 %s%s\n\n", img, indent(m.Text))
		return nil
	}
	to := m.Chat
	if r := t.shop.RoleOf(m.Chat); r != "" {
		to += " " + string(r)
	}
	fmt.Fprintf(t.e.stdout, "   ↪ ke %s: %s%s\n", to, img, indent(m.Text))
	return nil
}
