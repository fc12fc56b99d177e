package web

import (
	"github.com/pesanbot/pesanbot/flows/lang"

	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"slices"
	"strconv"
	"sync"
	"time"

	"github.com/pesanbot/pesanbot/flows"
)

//go:embed assets
var assets embed.FS

// pageNames are the pages; each is assets/NAME.html defining "content",
// rendered inside assets/layout.html.
var pageNames = []string{"login", "error", "today", "orders", "order", "complaints", "catalog", "customers"}

// pages parses a page's templates the first time the page is shown and
// keeps them: an idle dashboard holds no parsed templates (a shop runs for
// days without the owner opening it). The templates are embedded, so they
// cannot change after the build; TestPagesParse parses every page, so a
// broken one fails the tests rather than the owner's browser.
type pages struct {
	funcs  template.FuncMap
	mu     sync.Mutex
	parsed map[string]*template.Template
}

func newPages(funcs template.FuncMap) *pages {
	return &pages{funcs: funcs, parsed: map[string]*template.Template{}}
}

// formLimit caps an ordinary form's body.
const formLimit = 64 << 10

func staticFS() fs.FS {
	sub, err := fs.Sub(assets, "assets/static")
	if err != nil {
		panic(err) // the embed pattern above guarantees the directory
	}
	return filesOnly{sub}
}

// filesOnly serves files and nothing else: a directory is "not found", so
// /static/ answers 404 instead of listing what is there.
type filesOnly struct{ fs.FS }

func (f filesOnly) Open(name string) (fs.File, error) {
	file, err := f.FS.Open(name)
	if err != nil {
		return nil, err
	}
	if st, err := file.Stat(); err != nil || st.IsDir() {
		file.Close()
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	}
	return file, nil
}

// get returns the page's template set, parsing it with the layout on
// first use. A page that is not one of pageNames is an error.
func (p *pages) get(name string) (*template.Template, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if t := p.parsed[name]; t != nil {
		return t, nil
	}
	if !slices.Contains(pageNames, name) {
		return nil, fmt.Errorf("web: no page %q", name)
	}
	t, err := template.New(name).Funcs(p.funcs).ParseFS(assets,
		"assets/layout.html", "assets/customer_actions.html", "assets/"+name+".html")
	if err != nil {
		return nil, fmt.Errorf("web: template %s: %w", name, err)
	}
	if t.Lookup("content") == nil {
		return nil, fmt.Errorf("web: template %s defines no content", name)
	}
	p.parsed[name] = t
	return t, nil
}

// funcs are the template helpers. Every string that came from a customer
// goes through c (lang.Clean: no bidi or zero-width controls, one line)
// and then html/template's escaping.
func (s *Server) funcs() template.FuncMap {
	shop := s.c.Shop
	loc := shop.Location
	if loc == nil {
		loc = time.UTC
	}
	return template.FuncMap{
		"c":     func(v string) string { return lang.Clean(v, 2000) },
		"rp":    lang.FormatRupiah,
		"stars": flows.RatingText,
		"when": func(t time.Time) string {
			if t.IsZero() {
				return "-"
			}
			return shop.When(s.c.Now(), t)
		},
		"tm": func(t time.Time) string {
			if t.IsZero() {
				return "-"
			}
			return t.In(loc).Format("02/01/2006 15.04")
		},
		"day":      func(t time.Time) string { return t.In(loc).Format("02/01") },
		"status":   flows.OrderStatus.Label,
		"category": flows.ComplaintCategory.Label,
		"cstatus":  flows.ComplaintStatus.Label,
		"f1":       func(v float64) string { return strconv.FormatFloat(v, 'f', 1, 64) },
	}
}

// view is what the layout renders around a page.
type view struct {
	Title    string
	Page     string
	Shop     string
	LoggedIn bool
	Flash    string
	FlashErr bool
	Data     any
}

// render executes a page into a buffer first, so a template error gives a
// clean 500 instead of half a page.
func (s *Server) render(w http.ResponseWriter, r *http.Request, status int, page, title string, data any) {
	v := view{Title: title, Page: page, Shop: s.c.Shop.Name, Data: data}
	if id := sessionOf(r); id != "" {
		v.LoggedIn = true
		v.Flash, v.FlashErr = s.auth.takeFlash(id)
		v.Flash = lang.Clean(v.Flash, 2000)
	}
	var buf bytes.Buffer
	t, err := s.pages.get(page)
	if err == nil {
		err = t.ExecuteTemplate(&buf, "layout", v)
	}
	if err != nil {
		s.c.Log.Error("template failed", "page", page, "err", err)
		http.Error(w, "Terjadi kesalahan pada halaman.", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	w.Write(buf.Bytes())
}

// fail shows an error page; internal errors are logged, not shown.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, status int, msg string, err error) {
	if err != nil {
		s.c.Log.Error("dashboard request failed", "path", r.URL.Path, "err", err)
	}
	s.render(w, r, status, "error", "Kesalahan", msg)
}

// done leaves a message for the next page and redirects there (POST,
// redirect, GET: a reload does not repeat the action).
func (s *Server) done(w http.ResponseWriter, r *http.Request, to, msg string, isErr bool) {
	s.auth.setFlash(sessionOf(r), msg, isErr)
	http.Redirect(w, r, to, http.StatusSeeOther)
}
