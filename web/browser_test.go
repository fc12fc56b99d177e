package web

import (
	"bufio"
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// chromiumPath is Debian's chromium; CI installs it (.ci/run).
const chromiumPath = "/usr/bin/chromium"

// TestBrowser logs in with a one-time code in headless Chromium, opens an
// order made through the simulator, verifies its payment with the page's
// own button, checks that the customer is told, and saves screenshots to
// testdata/artifacts. It skips without Chromium unless
// PESANBOT_REQUIRE_BROWSER is set. Chromium is driven over the DevTools protocol on a
// pipe (--remote-debugging-pipe): no port, no websocket, no extra module.
func TestBrowser(t *testing.T) {
	t.Parallel()
	if _, err := os.Stat(chromiumPath); err != nil {
		if os.Getenv("PESANBOT_REQUIRE_BROWSER") != "" { // CI sets it: never skip there
			t.Fatalf("no %s but PESANBOT_REQUIRE_BROWSER is set", chromiumPath)
		}
		t.Skip("no " + chromiumPath + " (apt-get install chromium)")
	}
	f := newFixture(t, shopScript)
	ts := httptest.NewServer(f.srv.Handler())
	defer ts.Close()
	b := startChromium(t)

	b.open(ts.URL + "/login")
	b.eval(`document.querySelector('form[action="/login/kode"] button').click()`)
	// The URL changes before the new page has loaded: wait for the field too.
	b.waitFor(`location.search === "?kode=terkirim" && document.readyState === "complete" && !!document.getElementById("kode")`)
	b.eval(fmt.Sprintf(`document.getElementById("kode").value = %q; document.querySelector('form[action="/login"] button').click()`, f.lastCode()))
	b.waitFor(`location.pathname === "/" && document.body.innerText.includes("Pesanan baru hari ini")`)

	proof, _ := f.writeProof(1)
	b.open(ts.URL + "/pesanan/1")
	b.waitFor(`document.body.innerText.includes("Eka Putri") && !!document.getElementById("lunas")`)
	b.waitFor(fmt.Sprintf(`document.querySelector('img[src=%q]').naturalWidth === 240`, proof))
	b.eval(`document.getElementById("lunas").click()`)
	b.waitFor(`document.body.innerText.includes("LUNAS") && document.querySelector("h1 .badge").innerText === "lunas"`)
	if got := f.orderStatus(1); got != "paid" {
		t.Fatalf("order 1 is %s after the click, want paid", got)
	}
	// The customer's message waits in the outbox; delivering it puts it in
	// the transcript, as `run` would send it.
	queuedContains(t, f, customerX, "#1")
	if _, err := f.bot.Deliver(context.Background()); err != nil {
		t.Fatal(err)
	}
	told := false
	for _, e := range f.events {
		told = told || (e.Dir == "out" && e.Chat == customerX && strings.Contains(e.Text, "#1") && strings.Contains(e.Text, "sudah kami terima"))
	}
	if !told {
		t.Error("the customer's payment confirmation is not in the transcript")
	}

	dir := filepath.Join("testdata", "artifacts")
	b.open(ts.URL + "/")
	b.waitFor(`document.querySelectorAll("svg rect.bar").length > 0`)
	b.screenshot(filepath.Join(dir, "dashboard.png"))
	// On a phone no page, and no table in it, scrolls sideways.
	b.call("Emulation.setDeviceMetricsOverride", map[string]any{"width": 390, "height": 844, "deviceScaleFactor": 2, "mobile": true})
	for _, p := range []string{"/", "/pesanan", "/komplain", "/katalog", "/pelanggan", "/pesanan/1"} {
		b.open(ts.URL + p)
		if wide := b.eval(`document.documentElement.scrollWidth > innerWidth + 1 ||
			[...document.querySelectorAll(".table-wrap")].some(e => e.scrollWidth > e.clientWidth + 1)`); wide != "false" {
			t.Errorf("%s scrolls sideways on a phone", p)
		}
	}
	b.screenshot(filepath.Join(dir, "order-phone.png"))
}

// browser is a headless Chromium and one page of it.
type browser struct {
	t       *testing.T
	in      *os.File // our end of Chromium's fd 3: commands
	mu      sync.Mutex
	nextID  int
	waiting map[int]chan json.RawMessage
	session string
}

func startChromium(t *testing.T) *browser {
	t.Helper()
	cmdR, cmdW, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	outR, outW, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr bytes.Buffer
	cmd := exec.Command(chromiumPath, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
		"--disable-component-update", "--disable-sync", "--no-first-run", "--no-default-browser-check", "--disable-extensions",
		"--disable-dev-shm-usage", "--hide-scrollbars", "--mute-audio", "--window-size=1280,1600",
		"--user-data-dir="+t.TempDir(), "--remote-debugging-pipe", "about:blank")
	cmd.ExtraFiles = []*os.File{cmdR, outW} // fd 3 reads commands, fd 4 writes answers
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	cmdR.Close()
	outW.Close()
	b := &browser{t: t, in: cmdW, waiting: map[int]chan json.RawMessage{}}
	done := make(chan struct{})
	go b.read(outR, done)
	t.Cleanup(func() {
		cmdW.Close() // Chromium exits when its command pipe closes
		select {
		case <-done:
		case <-time.After(5 * time.Second):
			cmd.Process.Kill()
		}
		cmd.Wait()
		if t.Failed() {
			t.Logf("chromium stderr:\n%s", stderr.String())
		}
	})
	var target struct{ TargetID string }
	json.Unmarshal(b.call("Target.createTarget", map[string]any{"url": "about:blank"}), &target)
	var attached struct{ SessionID string }
	json.Unmarshal(b.call("Target.attachToTarget", map[string]any{"targetId": target.TargetID, "flatten": true}), &attached)
	b.session = attached.SessionID
	return b
}

// read hands each answer to its caller; events are ignored.
func (b *browser) read(r *os.File, done chan struct{}) {
	defer close(done)
	br := bufio.NewReader(r)
	for {
		msg, err := br.ReadBytes(0)
		if err != nil {
			return
		}
		var m struct {
			ID     int             `json:"id"`
			Result json.RawMessage `json:"result"`
			Error  json.RawMessage `json:"error"`
		}
		if json.Unmarshal(msg[:len(msg)-1], &m) != nil || m.ID == 0 {
			continue
		}
		if m.Error != nil {
			m.Result = append([]byte(`{"error":`), append(m.Error, '}')...)
		}
		b.mu.Lock()
		ch := b.waiting[m.ID]
		delete(b.waiting, m.ID)
		b.mu.Unlock()
		if ch != nil {
			ch <- m.Result
		}
	}
}

// call sends one DevTools command and waits for its result.
func (b *browser) call(method string, params map[string]any) json.RawMessage {
	b.t.Helper()
	b.mu.Lock()
	b.nextID++
	id := b.nextID
	ch := make(chan json.RawMessage, 1)
	b.waiting[id] = ch
	b.mu.Unlock()
	msg, _ := json.Marshal(map[string]any{"id": id, "method": method, "params": params, "sessionId": b.session})
	msg = bytes.Replace(msg, []byte(`,"sessionId":""`), nil, 1)
	if _, err := b.in.Write(append(msg, 0)); err != nil {
		b.t.Fatalf("%s: %v", method, err)
	}
	select {
	case res := <-ch:
		if bytes.HasPrefix(res, []byte(`{"error":`)) {
			b.t.Fatalf("%s: %s", method, res)
		}
		return res
	case <-time.After(15 * time.Second):
		b.t.Fatalf("%s: no answer from chromium", method)
		return nil
	}
}

// eval runs an expression in the page and returns its value as JSON text.
func (b *browser) eval(expr string) string {
	b.t.Helper()
	var r struct {
		Result           struct{ Value json.RawMessage }
		ExceptionDetails json.RawMessage
	}
	json.Unmarshal(b.call("Runtime.evaluate", map[string]any{"expression": expr, "returnByValue": true}), &r)
	if r.ExceptionDetails != nil {
		b.t.Fatalf("%s: %s", expr, r.ExceptionDetails)
	}
	return string(r.Result.Value)
}

func (b *browser) open(url string) {
	b.t.Helper()
	b.call("Page.navigate", map[string]any{"url": url})
	b.waitFor(`document.readyState === "complete" && location.href === ` + fmt.Sprintf("%q", url))
}

// waitFor polls a condition in the page for up to 10 seconds.
func (b *browser) waitFor(cond string) {
	b.t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		if b.eval("(() => { try { return !!("+cond+"); } catch (e) { return false; } })()") == "true" {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	b.t.Fatalf("timed out waiting for %s; page: %s", cond, b.eval(`location.href + " " + document.body.innerText.slice(0, 500)`))
}

func (b *browser) screenshot(path string) {
	b.t.Helper()
	b.screenshotOpts(path, map[string]any{"format": "png", "captureBeyondViewport": true})
}

func (b *browser) screenshotOpts(path string, opts map[string]any) {
	b.t.Helper()
	var r struct{ Data string }
	json.Unmarshal(b.call("Page.captureScreenshot", opts), &r)
	png, err := base64.StdEncoding.DecodeString(r.Data)
	if err != nil || len(png) == 0 {
		b.t.Fatalf("screenshot: %v", err)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		b.t.Fatal(err)
	}
	if err := os.WriteFile(path, png, 0o644); err != nil {
		b.t.Fatal(err)
	}
	b.t.Logf("screenshot: %s", path)
}
