package web

import (
	"github.com/pesanbot/pesanbot/flows/lang"

	"fmt"
	"net/http"
	"strings"
	"unicode"
)

// Every action below builds the staff command an owner would type on
// WhatsApp and runs it through bot.Command: the same checks, the same
// customer notification, the same audit entry. The command's answer is
// shown on the next page.

// command runs one staff command as the owner and redirects to "to" with
// its answer.
func (s *Server) command(w http.ResponseWriter, r *http.Request, to, text string) {
	answer, err := s.c.Bot.Command(r.Context(), s.staff, text)
	if err != nil {
		s.c.Log.Error("dashboard command failed", "command", strings.Fields(text)[0], "err", err)
		s.done(w, r, to, "Gagal menyimpan; tidak ada yang berubah. Coba lagi.", true)
		return
	}
	s.c.Log.Info("dashboard command", "command", strings.Fields(text)[0])
	s.done(w, r, to, answer, false)
}

// token makes a form value one command word: no spaces, no controls.
func token(v string, max int) string {
	v = lang.Clean(v, max)
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, v)
}

// parseForm reads a small urlencoded form.
func parseForm(w http.ResponseWriter, r *http.Request) error {
	r.Body = http.MaxBytesReader(w, r.Body, formLimit)
	return r.ParseForm()
}

func (s *Server) orderAction(verb string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		id, ok := pathID(r)
		if !ok {
			s.fail(w, r, http.StatusNotFound, "Pesanan tidak ada.", nil)
			return
		}
		if err := parseForm(w, r); err != nil {
			s.fail(w, r, http.StatusBadRequest, "Isian formulir tidak terbaca.", nil)
			return
		}
		to := fmt.Sprintf("/pesanan/%d", id)
		text := fmt.Sprintf("/%s %d", verb, id)
		switch verb {
		case "kirim":
			courier, tracking := token(r.PostFormValue("kurir"), 30), token(r.PostFormValue("resi"), 60)
			if courier == "" || tracking == "" {
				s.done(w, r, to, "Isi kurir dan nomor resi.", true)
				return
			}
			text += " " + courier + " " + tracking
		case "batal":
			// No script to ask "are you sure?": the form has a required box.
			if r.PostFormValue("yakin") != "1" {
				s.done(w, r, to, "Centang \"Ya, batalkan\" untuk membatalkan pesanan.", true)
				return
			}
			if reason := lang.Clean(r.PostFormValue("alasan"), 200); reason != "" {
				text += " " + reason
			}
		}
		s.command(w, r, to, text)
	}
}

func (s *Server) complaintAction(verb string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		id, ok := pathID(r)
		if !ok {
			s.fail(w, r, http.StatusNotFound, "Komplain tidak ada.", nil)
			return
		}
		if err := parseForm(w, r); err != nil {
			s.fail(w, r, http.StatusBadRequest, "Isian formulir tidak terbaca.", nil)
			return
		}
		to := fmt.Sprintf("/komplain#k%d", id)
		text := fmt.Sprintf("/%s %d", verb, id)
		switch verb {
		case "balas":
			reply := lang.Clean(r.PostFormValue("teks"), 1000)
			if reply == "" {
				s.done(w, r, to, "Tulis balasannya dulu.", true)
				return
			}
			text += " " + reply
		case "tutup":
			if note := lang.Clean(r.PostFormValue("catatan"), 300); note != "" {
				text += " " + note
			}
		}
		s.command(w, r, to, text)
	}
}

// customerAction runs a data-rights command (UU PDP) for one customer.
func (s *Server) customerAction(verb string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if err := parseForm(w, r); err != nil {
			s.fail(w, r, http.StatusBadRequest, "Isian formulir tidak terbaca.", nil)
			return
		}
		phone, err := lang.NormalizePhone(r.PostFormValue("nomor"))
		if err != nil {
			s.done(w, r, "/pelanggan", "Nomor pelanggan tidak terbaca.", true)
			return
		}
		text := "/" + verb + " " + phone
		if verb == "hapusdata" {
			if r.PostFormValue("yakin") != "1" {
				s.done(w, r, "/pelanggan", "Centang \"Ya, hapus permanen\" untuk menghapus data.", true)
				return
			}
			text += " YA"
		}
		s.command(w, r, "/pelanggan", text)
	}
}
