package bot

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/pesanbot/pesanbot/flows"
)

// TestConversations replays every script under ../testdata/conversations on
// its shop (testdata/shops/<shop>) and checks the "# expect" lines of its
// header: the order, the complaint and facts the replies must carry. The
// transcript is written beside the script as .golden for review (-update).
func TestConversations(t *testing.T) {
	files, err := filepath.Glob("../testdata/conversations/*.txt")
	if err != nil || len(files) < 40 {
		t.Fatalf("conversation scripts: %d found, %v", len(files), err)
	}
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".txt")
		t.Run(name, func(t *testing.T) {
			shopName, _, _ := strings.Cut(name, "-")
			dir := filepath.Join("../testdata/shops", shopName)
			yaml, err := os.ReadFile(filepath.Join(dir, "shop.yaml"))
			if err != nil {
				t.Fatal(err)
			}
			csv, err := os.ReadFile(filepath.Join(dir, "catalog.csv"))
			if err != nil {
				t.Fatal(err)
			}
			script, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			b, clock, events := newTestBot(t, string(yaml), string(csv), testStart)
			runScript(t, b, clock, events, string(script))
			got := render(b.Shop(), *events)
			golden := strings.TrimSuffix(f, ".txt") + ".golden"
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			checkExpectations(t, b, string(script), *events)
			if t.Failed() {
				t.Logf("transcript:\n%s", got)
			}
		})
	}
}

var (
	orderKeyRE = regexp.MustCompile(`(?:^| )(status|items|name|phone|courier|payment|tracking)=`)
	itemRE     = regexp.MustCompile(`^(.+?)/(.*) x(\d+)$`)
)

// checkExpectations checks a script's "# expect …" header lines.
func checkExpectations(t *testing.T, b *Bot, script string, events []Event) {
	t.Helper()
	ctx := context.Background()
	orders, err := b.db.Orders(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	complaints, err := b.db.Complaints(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	customer := map[string]bool{}
	for _, e := range events {
		if e.Dir == "in" && b.Shop().RoleOf(e.Chat) == "" {
			customer[e.Chat] = true
		}
	}
	for _, line := range strings.Split(script, "\n") {
		rest, ok := strings.CutPrefix(strings.TrimSpace(line), "# expect ")
		if !ok {
			continue
		}
		switch {
		case rest == "no order":
			if len(orders) != 0 {
				t.Errorf("expect no order, got %d: %+v", len(orders), orders[0])
			}
		case strings.HasPrefix(rest, "reply contains: "):
			want := strings.TrimPrefix(rest, "reply contains: ")
			found := false
			for _, e := range events {
				if e.Dir == "out" && customer[e.Chat] && strings.Contains(e.Text, want) {
					found = true
				}
			}
			if !found {
				t.Errorf("no reply to the customer contains %q", want)
			}
		case strings.HasPrefix(rest, "order: "):
			if len(orders) != 1 {
				t.Errorf("%s: %d orders, want 1", rest, len(orders))
				continue
			}
			checkOrder(t, orders[0], strings.TrimPrefix(rest, "order: "))
		case strings.HasPrefix(rest, "complaint: "):
			if len(complaints) != 1 {
				t.Errorf("%s: %d complaints, want 1", rest, len(complaints))
				continue
			}
			c := complaints[0]
			for _, kv := range strings.Fields(strings.TrimPrefix(rest, "complaint: ")) {
				k, v, _ := strings.Cut(kv, "=")
				got := map[string]string{"category": string(c.Category), "status": string(c.Status)}[k]
				if got != v {
					t.Errorf("complaint %s = %q, want %q", k, got, v)
				}
			}
		default:
			t.Fatalf("unknown expectation %q", line)
		}
	}
}

func checkOrder(t *testing.T, o flows.Order, spec string) {
	t.Helper()
	keys := orderKeyRE.FindAllStringSubmatchIndex(spec, -1)
	for i, m := range keys {
		end := len(spec)
		if i+1 < len(keys) {
			end = keys[i+1][0]
		}
		k, v := spec[m[2]:m[3]], strings.Trim(strings.TrimSpace(spec[m[1]:end]), `"`)
		var got string
		switch k {
		case "status":
			got = string(o.Status)
		case "name":
			got = o.CustomerName
		case "phone":
			got = o.Phone
		case "courier":
			if got = courierKey(o.Courier); strings.HasPrefix(got, v) {
				got = v // "ninjaxpress" is ninja
			}
		case "tracking":
			got = o.Tracking
		case "payment":
			got = string(o.Payment)
		case "items":
			var want, have []string
			for _, it := range strings.Split(v, ", ") {
				p := itemRE.FindStringSubmatch(it)
				if p == nil {
					t.Fatalf("bad item %q", it)
				}
				want = append(want, p[1]+"/"+p[2]+" x"+p[3])
			}
			for _, it := range o.Items {
				have = append(have, it.SKU+"/"+it.Variant+" x"+strconv.Itoa(it.Qty))
			}
			sort.Strings(want)
			sort.Strings(have)
			v, got = strings.Join(want, ", "), strings.Join(have, ", ")
		default:
			t.Fatalf("unknown order key %q", k)
		}
		if got != v {
			t.Errorf("order %s = %q, want %q", k, got, v)
		}
	}
}

// courierKey is a courier's lower-case key: "J&T" → "jnt".
func courierKey(c string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(strings.ReplaceAll(c, "&", "n")) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	return b.String()
}
