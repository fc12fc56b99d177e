// Package rajaongkir reaches RajaOngkir's shipping-cost API on its current
// Komerce host (https://rajaongkir.komerce.id/api/v1, "RajaOngkir API V2"
// in its docs; the old api.rajaongkir.com endpoints are retired). It
// implements shipping.Rater and shipping.Tracker.
//
// What is implemented, as described in the provider's public documentation
// (rajaongkir.com/docs, "Shipping Cost" section):
//
//   - Search Domestic Destination: GET /destination/domestic-destination
//     ?search=…&limit=…&offset=0. Data is a list of
//     {id, label, province_name, city_name, district_name,
//     subdistrict_name, zip_code}; id is what the cost calculation takes.
//   - Calculate Domestic Cost: POST /calculate/domestic-cost, form-encoded
//     origin, destination (ids from the search), weight (grams), courier
//     (codes joined by ":", e.g. "jne:sicepat:jnt"), price=lowest. Data is
//     a list of {name, code, service, description, cost, etd}; etd is free
//     text such as "2-3 day", "3" or "".
//   - Tracking AWB: POST /track/waybill?awb=…&courier=… . Data is
//     {delivered, summary{…, status}, details{…}, delivery_status{status,
//     pod_date, pod_time, pod_receiver}, manifest[{manifest_code,
//     manifest_description, manifest_date, manifest_time, city_name}]}.
//
// Every request carries the API key in the "key" header. Every answer is
// the envelope {"meta": {"message", "code", "status"}, "data": …}; a meta
// code other than 200 (400 bad request, 401 invalid key, 404 not found,
// 500) is an error, except a 404 to a destination search, which means no
// match. The key and the buyer's words are never logged.
package rajaongkir

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/pesanbot/pesanbot/shipping"
)

// DefaultBaseURL is the live Komerce host of the RajaOngkir API.
const DefaultBaseURL = "https://rajaongkir.komerce.id/api/v1"

// Config sets up a Client.
type Config struct {
	BaseURL string // default DefaultBaseURL (tests point it at a local server)
	Key     string // the "Shipping Cost" API key
	// Origin is the provider's destination id of the shop's kecamatan. When
	// empty, OriginQuery is searched once, on the first quote, and its
	// best match used.
	Origin      string
	OriginQuery string
	Couriers    []string // courier codes: jne, jnt, sicepat, anteraja, pos, …
	// Names maps a courier code to the name the shop writes ("jnt" →
	// "J&T"); a code without one is shown as the provider names it.
	Names   map[string]string
	Timeout time.Duration // per request; default 8s
	HTTP    *http.Client  // default a client with Timeout
}

// Client talks to the API. It is safe for concurrent use.
type Client struct {
	c      Config
	http   *http.Client
	mu     sync.Mutex
	origin string
}

// ErrInvalidKey is returned when the provider refuses the key (401).
var ErrInvalidKey = errors.New("rajaongkir: the API key was refused")

// Error is an answer the provider gave with a code other than 200.
type Error struct {
	Op      string
	Status  int // HTTP status
	Code    int // meta.code
	Message string
}

func (e *Error) Error() string {
	return fmt.Sprintf("rajaongkir %s: %d %s", e.Op, e.Code, e.Message)
}

// New builds a client; it does not reach the network.
func New(c Config) (*Client, error) {
	if strings.TrimSpace(c.Key) == "" {
		return nil, shipping.ErrNotConfigured
	}
	if c.BaseURL == "" {
		c.BaseURL = DefaultBaseURL
	}
	c.BaseURL = strings.TrimRight(c.BaseURL, "/")
	if c.Timeout <= 0 {
		c.Timeout = 8 * time.Second
	}
	if len(c.Couriers) == 0 {
		return nil, errors.New("rajaongkir: no courier codes")
	}
	h := c.HTTP
	if h == nil {
		h = &http.Client{Timeout: c.Timeout}
	}
	return &Client{c: c, http: h, origin: strings.TrimSpace(c.Origin)}, nil
}

type meta struct {
	Message string `json:"message"`
	Code    int    `json:"code"`
	Status  string `json:"status"`
}

// do sends one request and decodes the envelope's data into out. It
// reports notFound for a 404 envelope.
func (c *Client) do(ctx context.Context, op, method, path string, query, form url.Values, out any) (notFound bool, err error) {
	ctx, cancel := context.WithTimeout(ctx, c.c.Timeout)
	defer cancel()
	u := c.c.BaseURL + path
	if len(query) > 0 {
		u += "?" + query.Encode()
	}
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req, err := http.NewRequestWithContext(ctx, method, u, body)
	if err != nil {
		return false, fmt.Errorf("rajaongkir %s: %w", op, err)
	}
	req.Header.Set("key", c.c.Key)
	req.Header.Set("Accept", "application/json")
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	resp, err := c.http.Do(req)
	if err != nil {
		// The URL carries the buyer's words: keep only the cause.
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		return false, fmt.Errorf("rajaongkir %s: %w", op, err)
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(io.LimitReader(resp.Body, 4<<20))
	if err != nil {
		return false, fmt.Errorf("rajaongkir %s: reading the answer: %w", op, err)
	}
	var env struct {
		Meta meta            `json:"meta"`
		Data json.RawMessage `json:"data"`
	}
	jerr := json.Unmarshal(raw, &env)
	code := env.Meta.Code
	if jerr != nil || code == 0 {
		code = resp.StatusCode
	}
	switch {
	case resp.StatusCode == http.StatusUnauthorized || code == http.StatusUnauthorized:
		return false, fmt.Errorf("rajaongkir %s: %w", op, ErrInvalidKey)
	case resp.StatusCode == http.StatusNotFound || code == http.StatusNotFound:
		return true, &Error{Op: op, Status: resp.StatusCode, Code: http.StatusNotFound, Message: clip(env.Meta.Message)}
	case resp.StatusCode < 200 || resp.StatusCode > 299:
		return false, &Error{Op: op, Status: resp.StatusCode, Code: code, Message: clip(env.Meta.Message)}
	case jerr != nil:
		return false, fmt.Errorf("rajaongkir %s: the answer is not the documented JSON: %w", op, jerr)
	case code != http.StatusOK:
		return false, &Error{Op: op, Status: resp.StatusCode, Code: code, Message: clip(env.Meta.Message)}
	}
	if len(env.Data) == 0 || string(env.Data) == "null" {
		return false, nil
	}
	if err := json.Unmarshal(env.Data, out); err != nil {
		return false, fmt.Errorf("rajaongkir %s: unexpected data: %w", op, err)
	}
	return false, nil
}

func clip(s string) string {
	if len(s) > 200 {
		s = s[:200]
	}
	return s
}

type destination struct {
	ID          json.Number `json:"id"`
	Label       string      `json:"label"`
	Province    string      `json:"province_name"`
	City        string      `json:"city_name"`
	District    string      `json:"district_name"`
	Subdistrict string      `json:"subdistrict_name"`
	Zip         string      `json:"zip_code"`
}

// Search implements shipping.Rater. No match (an empty list or a 404) is
// an empty list.
func (c *Client) Search(ctx context.Context, query string) ([]shipping.Place, error) {
	query = strings.TrimSpace(query)
	if query == "" {
		return nil, nil
	}
	if len(query) > 100 {
		query = query[:100]
	}
	var data []destination
	notFound, err := c.do(ctx, "search", http.MethodGet, "/destination/domestic-destination",
		url.Values{"search": {query}, "limit": {"10"}, "offset": {"0"}}, nil, &data)
	if notFound {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	out := make([]shipping.Place, 0, len(data))
	for _, d := range data {
		id := d.ID.String()
		if id == "" || id == "0" {
			continue
		}
		label := d.Label
		if label == "" {
			label = joinNonEmpty(d.Subdistrict, d.District, d.City, d.Province, d.Zip)
		}
		out = append(out, shipping.Place{ID: id, Label: label, Postcode: strings.TrimSpace(d.Zip)})
	}
	return out, nil
}

func joinNonEmpty(parts ...string) string {
	var keep []string
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" && p != "-" {
			keep = append(keep, p)
		}
	}
	return strings.Join(keep, ", ")
}

// originID is the configured origin, or the best match of OriginQuery,
// looked up once.
func (c *Client) originID(ctx context.Context) (string, error) {
	c.mu.Lock()
	o := c.origin
	c.mu.Unlock()
	if o != "" {
		return o, nil
	}
	if strings.TrimSpace(c.c.OriginQuery) == "" {
		return "", errors.New("rajaongkir: no origin (set shipping.origin_id or shipping.origin)")
	}
	places, err := c.Search(ctx, c.c.OriginQuery)
	if err != nil {
		return "", fmt.Errorf("rajaongkir: finding the origin: %w", err)
	}
	if len(places) == 0 {
		return "", errors.New("rajaongkir: shipping.origin matches no destination; set shipping.origin_id")
	}
	c.mu.Lock()
	c.origin = places[0].ID
	c.mu.Unlock()
	return places[0].ID, nil
}

type cost struct {
	Name        string      `json:"name"`
	Code        string      `json:"code"`
	Service     string      `json:"service"`
	Description string      `json:"description"`
	Cost        json.Number `json:"cost"`
	ETD         string      `json:"etd"`
}

// Quotes implements shipping.Rater: every service of the configured
// couriers, cheapest first.
func (c *Client) Quotes(ctx context.Context, to shipping.Place, grams int) ([]shipping.Quote, error) {
	if to.ID == "" {
		return nil, errors.New("rajaongkir: no destination id")
	}
	origin, err := c.originID(ctx)
	if err != nil {
		return nil, err
	}
	if grams < 1 {
		grams = 1
	}
	form := url.Values{
		"origin":      {origin},
		"destination": {to.ID},
		"weight":      {strconv.Itoa(grams)},
		"courier":     {strings.Join(c.c.Couriers, ":")},
		"price":       {"lowest"},
	}
	var data []cost
	notFound, err := c.do(ctx, "cost", http.MethodPost, "/calculate/domestic-cost", nil, form, &data)
	if notFound {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	out := make([]shipping.Quote, 0, len(data))
	for _, d := range data {
		price, perr := d.Cost.Int64()
		if perr != nil {
			f, ferr := d.Cost.Float64()
			if ferr != nil {
				continue
			}
			price = int64(f + 0.5)
		}
		if price <= 0 || d.Service == "" {
			continue
		}
		code := strings.ToLower(strings.TrimSpace(d.Code))
		name := c.c.Names[code]
		if name == "" {
			name = d.Name
		}
		days, maxDays := ETD(d.ETD)
		out = append(out, shipping.Quote{Courier: code, Name: name, Service: strings.TrimSpace(d.Service),
			Price: price, Days: days, MaxDays: maxDays})
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Price < out[j].Price })
	return out, nil
}

var etdRE = regexp.MustCompile(`(\d+)(?:\s*-\s*(\d+))?`)

// ETD reads the provider's estimate ("2-3 day", "3", "1-2 HARI", "") as a
// buyer reads it ("2-3 hari") and its upper bound in days (0 when none).
func ETD(s string) (string, int) {
	m := etdRE.FindStringSubmatch(s)
	if m == nil {
		return "", 0
	}
	lo, _ := strconv.Atoi(m[1])
	hi := lo
	if m[2] != "" {
		hi, _ = strconv.Atoi(m[2])
	}
	if lo <= 0 && hi <= 0 || hi > 60 {
		return "", 0
	}
	if hi < lo {
		lo, hi = hi, lo
	}
	if lo == hi {
		return strconv.Itoa(hi) + " hari", hi
	}
	return strconv.Itoa(lo) + "-" + strconv.Itoa(hi) + " hari", hi
}

type waybill struct {
	Delivered bool `json:"delivered"`
	Summary   struct {
		Status string `json:"status"`
	} `json:"summary"`
	DeliveryStatus struct {
		Status  string `json:"status"`
		PODDate string `json:"pod_date"`
		PODTime string `json:"pod_time"`
	} `json:"delivery_status"`
	Manifest []struct {
		Code        string `json:"manifest_code"`
		Description string `json:"manifest_description"`
		Date        string `json:"manifest_date"`
		Time        string `json:"manifest_time"`
		City        string `json:"city_name"`
	} `json:"manifest"`
}

// wib is the zone the couriers' manifests are written in.
var wib = time.FixedZone("WIB", 7*3600)

// Track implements shipping.Tracker. An unknown waybill (404) is Unknown.
func (c *Client) Track(ctx context.Context, courier, awb string) (shipping.Track, error) {
	courier = strings.ToLower(strings.TrimSpace(courier))
	awb = strings.TrimSpace(awb)
	if courier == "" || awb == "" {
		return shipping.Track{Status: shipping.Unknown}, nil
	}
	var data waybill
	notFound, err := c.do(ctx, "track", http.MethodPost, "/track/waybill", url.Values{"awb": {awb}, "courier": {courier}}, url.Values{}, &data)
	if notFound {
		return shipping.Track{Status: shipping.Unknown}, nil
	}
	if err != nil {
		return shipping.Track{}, err
	}
	return trackOf(data), nil
}

func trackOf(d waybill) shipping.Track {
	t := shipping.Track{Status: shipping.InTransit}
	for _, m := range d.Manifest {
		at, ok := parseWhen(m.Date, m.Time)
		text := strings.TrimSpace(m.Description)
		if city := strings.TrimSpace(m.City); city != "" && !strings.Contains(strings.ToUpper(text), strings.ToUpper(city)) {
			text += " (" + city + ")"
		}
		if !ok || text == "" {
			continue
		}
		t.Events = append(t.Events, shipping.Event{At: at, Text: text})
	}
	sort.SliceStable(t.Events, func(i, j int) bool { return t.Events[i].At.After(t.Events[j].At) })
	status := strings.ToUpper(d.DeliveryStatus.Status + " " + d.Summary.Status)
	switch {
	case d.Delivered || strings.Contains(status, "DELIVERED") && !strings.Contains(status, "UNDELIVERED"):
		t.Status = shipping.Delivered
	case strings.Contains(status, "RETUR") || strings.Contains(status, "RETURN"):
		t.Status = shipping.Returned
	case len(t.Events) == 0 && strings.TrimSpace(status) == "":
		t.Status = shipping.Unknown
	}
	return t
}

func parseWhen(date, clock string) (time.Time, bool) {
	date, clock = strings.TrimSpace(date), strings.TrimSpace(clock)
	for _, layout := range []string{"2006-01-02 15:04:05", "2006-01-02 15:04"} {
		if at, err := time.ParseInLocation(layout, date+" "+clock, wib); err == nil {
			return at.UTC(), true
		}
	}
	if at, err := time.ParseInLocation("2006-01-02", date, wib); err == nil {
		return at.UTC(), true
	}
	return time.Time{}, false
}
