package web

import (
	"net/http"
	"strings"
	"testing"
)

// datasafety_test.go: the data-safety and privacy defects of the issue that
// the dashboard owns, by their number there. Each case failed before its
// fix.

func TestDataSafety(t *testing.T) {
	for _, c := range []struct {
		name string
		run  func(t *testing.T)
	}{
		{"13 /static/ lists no directory", testStaticNoListing},
		{"14 throttled client still logs in once with the terminal code", TestLoginThrottled},
		{"14 one client's failures throttle no other client", TestLoginThrottledPerClient},
		{"14 a voided code is replaced on the terminal", TestWrongGuessesVoidTheCode},
		{"14 guessing from many clients stays bounded", TestGuessingIsBounded},
	} {
		t.Run(c.name, c.run)
	}
}

func testStaticNoListing(t *testing.T) {
	f := newFixture(t, "")
	c := f.login()
	for _, path := range []string{"/static/", "/static/.", "/static//"} {
		for _, cookie := range []*http.Cookie{nil, c} {
			w := f.get(path, cookie)
			if w.Code == http.StatusMovedPermanently || w.Code == http.StatusTemporaryRedirect {
				continue // the mux cleans the path first; the cleaned one is checked too
			}
			if w.Code != http.StatusNotFound || strings.Contains(body(w), "style.css") {
				t.Errorf("GET %s: %d\n%s", path, w.Code, body(w))
			}
		}
	}
	if w := f.get("/static/style.css", nil); w.Code != http.StatusOK {
		t.Errorf("GET /static/style.css: %d", w.Code)
	}
}
