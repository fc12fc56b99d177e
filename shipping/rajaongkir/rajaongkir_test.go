package rajaongkir

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/pesanbot/pesanbot/shipping"
)

// The answers below follow the shapes of the provider's public docs.
const (
	searchOK = `{"meta":{"message":"Success Get Domestic Destinations","code":200,"status":"success"},"data":[
{"id":17510,"label":"TAMBUN SELATAN, TAMBUN SELATAN, BEKASI, JAWA BARAT, 17510","province_name":"JAWA BARAT","city_name":"BEKASI","district_name":"TAMBUN SELATAN","subdistrict_name":"TAMBUN SELATAN","zip_code":"17510"},
{"id":17520,"label":"","province_name":"JAWA BARAT","city_name":"BEKASI","district_name":"TAMBUN UTARA","subdistrict_name":"-","zip_code":"17520"}]}`
	searchNone = `{"meta":{"message":"Data not found","code":404,"status":"error"},"data":null}`
	costOK     = `{"meta":{"message":"Success Calculate Domestic Shipping cost","code":200,"status":"success"},"data":[
{"name":"Jalur Nugraha Ekakurir (JNE)","code":"jne","service":"YES","description":"Yakin Esok Sampai","cost":26000,"etd":"1 day"},
{"name":"Jalur Nugraha Ekakurir (JNE)","code":"jne","service":"REG","description":"Layanan Reguler","cost":12000,"etd":"2-3 day"},
{"name":"J&T Express","code":"jnt","service":"EZ","description":"Reguler","cost":11000,"etd":""}]}`
	trackOK = `{"meta":{"message":"Success Get Waybill","code":200,"status":"success"},"data":{"delivered":true,
"summary":{"courier_code":"jne","courier_name":"JNE","waybill_number":"JNE1","service_code":"REG","status":"DELIVERED"},
"details":{"waybill_number":"JNE1","waybill_date":"2026-08-01"},
"delivery_status":{"status":"DELIVERED","pod_receiver":"X","pod_date":"2026-08-03","pod_time":"14:30"},
"manifest":[{"manifest_code":"1","manifest_description":"SHIPMENT RECEIVED","manifest_date":"2026-08-01","manifest_time":"10:00","city_name":"CIREBON"},
{"manifest_code":"3","manifest_description":"DELIVERED TO [X]","manifest_date":"2026-08-03","manifest_time":"14:30:00","city_name":"JAKARTA"}]}}`
	trackMoving = `{"meta":{"message":"Success Get Waybill","code":200,"status":"success"},"data":{"delivered":false,
"summary":{"status":"ON PROCESS"},"delivery_status":{"status":"ON PROCESS"},
"manifest":[{"manifest_description":"WITH DELIVERY COURIER","manifest_date":"2026-08-02","manifest_time":"08:00","city_name":"BEKASI"}]}}`
	badRequest = `{"meta":{"message":"origin is required","code":400,"status":"error"},"data":null}`
	badKey     = `{"meta":{"message":"Invalid Api key, key not found","code":401,"status":"error"},"data":null}`
	serverErr  = `{"meta":{"message":"Internal Server Error","code":500,"status":"error"},"data":null}`
)

type fake struct {
	status int
	body   string
	delay  time.Duration
	check  func(r *http.Request)
	calls  atomic.Int32
}

func (f *fake) server(t *testing.T) *httptest.Server {
	s := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		f.calls.Add(1)
		if r.Header.Get("key") != "secret-key" {
			w.WriteHeader(401)
			w.Write([]byte(badKey))
			return
		}
		if f.check != nil {
			f.check(r)
		}
		if f.delay > 0 {
			select {
			case <-time.After(f.delay):
			case <-r.Context().Done():
				return
			}
		}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(f.status)
		w.Write([]byte(f.body))
	}))
	t.Cleanup(s.Close)
	return s
}

func client(t *testing.T, url string, mod ...func(*Config)) *Client {
	c := Config{BaseURL: url, Key: "secret-key", Origin: "501", Couriers: []string{"jne", "jnt"}, Names: map[string]string{"jne": "JNE", "jnt": "J&T"}, Timeout: 2 * time.Second}
	for _, m := range mod {
		m(&c)
	}
	cl, err := New(c)
	if err != nil {
		t.Fatal(err)
	}
	return cl
}

func TestSearch(t *testing.T) {
	f := &fake{status: 200, body: searchOK, check: func(r *http.Request) {
		if r.Method != "GET" || r.URL.Path != "/destination/domestic-destination" || r.URL.Query().Get("search") != "tambun bekasi" {
			t.Errorf("request %s %s", r.Method, r.URL)
		}
	}}
	places, err := client(t, f.server(t).URL).Search(context.Background(), "tambun bekasi")
	if err != nil {
		t.Fatal(err)
	}
	if len(places) != 2 || places[0].ID != "17510" || places[0].Postcode != "17510" || !strings.Contains(places[0].Label, "TAMBUN") {
		t.Fatalf("%+v", places)
	}
	if places[1].Label != "TAMBUN UTARA, BEKASI, JAWA BARAT, 17520" {
		t.Fatalf("label built from parts: %q", places[1].Label)
	}
}

func TestSearchEmpty(t *testing.T) {
	for _, body := range []string{searchNone, `{"meta":{"message":"ok","code":200,"status":"success"},"data":[]}`} {
		status := 200
		if strings.Contains(body, "404") {
			status = 404
		}
		f := &fake{status: status, body: body}
		places, err := client(t, f.server(t).URL).Search(context.Background(), "zzz")
		if err != nil || len(places) != 0 {
			t.Fatalf("%v %v", places, err)
		}
	}
}

func TestQuotes(t *testing.T) {
	f := &fake{status: 200, body: costOK, check: func(r *http.Request) {
		r.ParseForm()
		if r.Method != "POST" || r.URL.Path != "/calculate/domestic-cost" || r.PostForm.Get("origin") != "501" ||
			r.PostForm.Get("destination") != "17510" || r.PostForm.Get("weight") != "2000" || r.PostForm.Get("courier") != "jne:jnt" {
			t.Errorf("request %s %s %v", r.Method, r.URL, r.PostForm)
		}
	}}
	q, err := client(t, f.server(t).URL).Quotes(context.Background(), shipping.Place{ID: "17510"}, 2000)
	if err != nil {
		t.Fatal(err)
	}
	if len(q) != 3 || q[0].Name != "J&T" || q[0].Price != 11000 || q[0].Days != "" || q[1].Service != "REG" || q[1].Days != "2-3 hari" || q[1].MaxDays != 3 || q[2].Days != "1 hari" {
		t.Fatalf("%+v", q)
	}
}

func TestOriginResolvedOnce(t *testing.T) {
	var searches atomic.Int32
	s := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/destination/domestic-destination" {
			searches.Add(1)
			w.Write([]byte(searchOK))
			return
		}
		r.ParseForm()
		if r.PostForm.Get("origin") != "17510" {
			t.Errorf("origin %q", r.PostForm.Get("origin"))
		}
		w.Write([]byte(costOK))
	}))
	defer s.Close()
	c := client(t, s.URL, func(c *Config) { c.Origin, c.OriginQuery = "", "Tambun, Bekasi" })
	for i := 0; i < 3; i++ {
		if _, err := c.Quotes(context.Background(), shipping.Place{ID: "1"}, 100); err != nil {
			t.Fatal(err)
		}
	}
	if searches.Load() != 1 {
		t.Fatalf("origin searched %d times", searches.Load())
	}
}

func TestTrack(t *testing.T) {
	f := &fake{status: 200, body: trackOK, check: func(r *http.Request) {
		if r.Method != "POST" || r.URL.Path != "/track/waybill" || r.URL.Query().Get("awb") != "JNE1" || r.URL.Query().Get("courier") != "jne" {
			t.Errorf("request %s %s", r.Method, r.URL)
		}
	}}
	tr, err := client(t, f.server(t).URL).Track(context.Background(), "JNE", "JNE1")
	if err != nil {
		t.Fatal(err)
	}
	if tr.Status != shipping.Delivered || len(tr.Events) != 2 || !strings.HasPrefix(tr.Events[0].Text, "DELIVERED") ||
		!tr.Events[0].At.Equal(time.Date(2026, 8, 3, 7, 30, 0, 0, time.UTC)) || !strings.Contains(tr.Events[1].Text, "(CIREBON)") {
		t.Fatalf("%+v", tr)
	}
	f2 := &fake{status: 200, body: trackMoving}
	tr, err = client(t, f2.server(t).URL).Track(context.Background(), "jne", "X")
	if err != nil || tr.Status != shipping.InTransit || len(tr.Events) != 1 {
		t.Fatalf("%+v %v", tr, err)
	}
	f3 := &fake{status: 404, body: `{"meta":{"message":"Waybill not found","code":404,"status":"error"},"data":null}`}
	tr, err = client(t, f3.server(t).URL).Track(context.Background(), "jne", "NOPE")
	if err != nil || tr.Status != shipping.Unknown {
		t.Fatalf("%+v %v", tr, err)
	}
}

func TestErrors(t *testing.T) {
	cases := []struct {
		name   string
		status int
		body   string
		is     error
	}{
		{"400", 400, badRequest, nil},
		{"401", 401, badKey, ErrInvalidKey},
		{"401 in envelope", 200, badKey, ErrInvalidKey},
		{"500", 500, serverErr, nil},
		{"500 not json", 502, "<html>bad gateway</html>", nil},
		{"malformed", 200, `{"meta":{"code":200},"data":[{"name":`, nil},
		{"wrong data", 200, `{"meta":{"message":"ok","code":200,"status":"success"},"data":{"x":1}}`, nil},
		{"envelope code", 200, `{"meta":{"message":"Calculate failed","code":422,"status":"error"},"data":null}`, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := &fake{status: c.status, body: c.body}
			_, err := client(t, f.server(t).URL).Quotes(context.Background(), shipping.Place{ID: "1"}, 1000)
			if err == nil {
				t.Fatal("want an error")
			}
			if c.is != nil && !errors.Is(err, c.is) {
				t.Fatalf("err %v, want %v", err, c.is)
			}
			if strings.Contains(err.Error(), "secret-key") {
				t.Fatal("the key is in the error")
			}
		})
	}
	// A wrong key, refused by the server itself.
	f := &fake{status: 200, body: costOK}
	_, err := client(t, f.server(t).URL, func(c *Config) { c.Key = "wrong" }).Quotes(context.Background(), shipping.Place{ID: "1"}, 1000)
	if !errors.Is(err, ErrInvalidKey) {
		t.Fatalf("err %v", err)
	}
}

func TestTimeout(t *testing.T) {
	f := &fake{status: 200, body: costOK, delay: 2 * time.Second}
	c := client(t, f.server(t).URL, func(c *Config) { c.Timeout = 50 * time.Millisecond })
	_, err := c.Quotes(context.Background(), shipping.Place{ID: "1"}, 1000)
	if err == nil {
		t.Fatal("want a timeout")
	}
	if strings.Contains(err.Error(), "17510") || strings.Contains(err.Error(), "http://") {
		t.Fatalf("the URL is in the error: %v", err)
	}
	// The caller's deadline counts too.
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	if _, err := client(t, f.server(t).URL).Search(ctx, "tambun"); err == nil {
		t.Fatal("want a timeout")
	}
}

func TestNoKey(t *testing.T) {
	if _, err := New(Config{Couriers: []string{"jne"}}); !errors.Is(err, shipping.ErrNotConfigured) {
		t.Fatal(err)
	}
}

func TestETD(t *testing.T) {
	for in, want := range map[string]string{"2-3 day": "2-3 hari", "3": "3 hari", "1 - 2 HARI": "1-2 hari", "": "", "0": "", "3-2": "2-3 hari", "abc": ""} {
		if got, _ := ETD(in); got != want {
			t.Errorf("ETD(%q) = %q, want %q", in, got, want)
		}
	}
}

func FuzzDecode(f *testing.F) {
	for _, s := range []string{searchOK, costOK, trackOK, badKey, "", "null", `{"meta":{"code":200},"data":null}`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, body string) {
		s := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.Write([]byte(body)) }))
		defer s.Close()
		c := client(t, s.URL)
		c.Search(context.Background(), "x")
		c.Quotes(context.Background(), shipping.Place{ID: "1"}, 1)
		c.Track(context.Background(), "jne", "1")
	})
}
