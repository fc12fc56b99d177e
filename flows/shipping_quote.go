package flows

import (
	"sort"
	"strconv"
	"strings"
	"unicode"

	"github.com/pesanbot/pesanbot/flows/lang"
	"github.com/pesanbot/pesanbot/shipping"
)

// Live shipping prices. A turn that needs a price records what to look up
// in State.Ship and schedules a FollowUpShippingQuote due at once; the
// runtime asks the provider before that follow-up's transaction opens and
// hands the answer in FollowUp.Fetched. The follow-up then offers the
// couriers (or asks which destination), or falls back to the flat rates
// without the buyer seeing an error. Nothing here reads the network or a
// clock.

// maxShipOptions is how many services are offered when the shop says nothing.
const maxShipOptions = 5

// defaultGrams is the weight of a variant without one, for live quotes.
const defaultGrams = 500

// cartGrams is the cart's weight for a live quote: a variant without a
// weight counts the shop's default.
func (t *turn) cartGrams() int {
	def := t.shop.Shipping.Live.DefaultGrams
	if def <= 0 {
		def = defaultGrams
	}
	grams := 0
	for _, l := range t.cartLines() {
		w := l.v.WeightGrams
		if w <= 0 {
			w = def
		}
		grams += w * l.qty
	}
	return shipping.RoundGrams(grams, 1000)
}

// cartLine is a cart item with its product and variant as the catalogue
// has them now.
type cartLine struct {
	p   *Product
	v   *Variant
	qty int
}

// cartLines are the cart's items still in the catalogue, in cart order.
func (t *turn) cartLines() []cartLine {
	cat := t.v.Catalog()
	var out []cartLine
	for _, it := range t.st.Cart {
		p, ok := cat.Product(it.SKU)
		if !ok {
			continue
		}
		v, ok := p.Variant(it.Variant)
		if !ok {
			continue
		}
		out = append(out, cartLine{p: p, v: v, qty: it.Qty})
	}
	return out
}

// shipValid reports whether the chosen live price still holds.
func (t *turn) shipValid() bool {
	s := t.st.Details.Ship
	return s != nil && s.Address == t.st.Details.Address && s.Grams == t.cartGrams()
}

// liveQuote starts a live lookup for the order's address when one is
// needed; it reports whether it did (the turn then waits for it).
func (t *turn) liveQuote() bool {
	d := t.st.Details
	if !t.shop.Shipping.Live.On || d.Address == "" || len(t.st.Cart) == 0 || strings.EqualFold(d.Courier, "COD") || t.shipValid() {
		return false
	}
	if s := t.st.Ship; s != nil && !s.Ask && s.Failed && s.Address == d.Address {
		return false // no live price for this address: flat rates
	}
	t.scheduleQuote(&ShipLookup{Query: shipQuery(d.Address), Address: d.Address, Grams: t.cartGrams()}, shipPlace(d.Address))
	t.st.Step = StepWaitShipping
	return true
}

// scheduleQuote records the lookup and schedules its follow-up now.
func (t *turn) scheduleQuote(l *ShipLookup, place string) {
	seq := 1
	if t.st.Ship != nil {
		seq = t.st.Ship.Seq + 1
	}
	l.Seq = seq
	t.st.Ship = l
	t.effect(Schedule{Kind: FollowUpShippingQuote, Subject: t.in.Customer.ID, Step: seq, DueAt: t.in.At})
	t.say("shipping_checking", "place", lang.Clean(place, 60))
}

// liveAsk answers "ongkir ke bekasi?" with live prices when the shop has a
// provider; it reports whether it took the question.
func (t *turn) liveAsk(place string) bool {
	if !t.shop.Shipping.Live.On || strings.TrimSpace(place) == "" || t.st.Step == StepWaitShipping {
		return false
	}
	grams := 1000
	if len(t.st.Cart) > 0 {
		grams = t.cartGrams()
	}
	seq := 0
	if t.st.Ship != nil {
		seq = t.st.Ship.Seq
	}
	t.scheduleQuote(&ShipLookup{Seq: seq, Ask: true, Query: place, Grams: grams}, titleWords(place))
	return true
}

// titleWords writes a place as a name: "tambun selatan" → "Tambun Selatan".
func titleWords(s string) string {
	f := strings.Fields(s)
	for i, w := range f {
		r := []rune(w)
		r[0] = unicode.ToUpper(r[0])
		f[i] = string(r)
	}
	return strings.Join(f, " ")
}

// shipQuery is what to search for an address: its postcode and the parts
// after the street (kecamatan, city), without the words "kec.", "kota".
func shipQuery(addr string) string {
	parts := placeParts(addr)
	if len(parts) > 2 {
		parts = parts[len(parts)-2:]
	}
	q := strings.Join(parts, " ")
	if pc := postcodeOf(addr); pc != "" && !strings.Contains(q, pc) {
		q += " " + pc
	}
	return lang.Clean(q, 100)
}

// shipPlace names an address's town for "saya cek ongkir ke …".
func shipPlace(addr string) string {
	parts := placeParts(addr)
	if len(parts) == 0 {
		return "alamat Kakak"
	}
	last := strings.TrimFunc(strings.Map(func(r rune) rune {
		if unicode.IsDigit(r) {
			return -1
		}
		return r
	}, parts[len(parts)-1]), func(r rune) bool { return !unicode.IsLetter(r) })
	if last == "" {
		return "alamat Kakak"
	}
	return last
}

// placeParts are the comma-separated parts of an address that name a
// place: street, house and RT/RW parts dropped, administrative prefixes
// ("kec.", "kab.", "kel.") removed.
func placeParts(addr string) []string {
	var out []string
	for _, p := range strings.FieldsFunc(addr, func(r rune) bool { return r == ',' || r == '\n' || r == ';' }) {
		p = strings.TrimSpace(p)
		low := strings.ToLower(p)
		if p == "" || startsStreet(p) || strings.HasPrefix(low, "rt") || strings.HasPrefix(low, "no") || strings.HasPrefix(low, "blok") {
			continue
		}
		for _, pre := range []string{"kecamatan", "kelurahan", "kabupaten", "provinsi", "kota", "kec.", "kec", "kel.", "kel", "kab.", "kab", "desa", "prov."} {
			if strings.HasPrefix(low, pre+" ") || strings.HasPrefix(low, pre) && strings.HasSuffix(pre, ".") {
				p = strings.TrimSpace(p[len(pre):])
				break
			}
		}
		if p != "" {
			out = append(out, p)
		}
	}
	return out
}

// postcodeOf is the last 5-digit number of an address, or "".
func postcodeOf(addr string) string {
	pc := ""
	for _, w := range strings.FieldsFunc(addr, func(r rune) bool { return r < '0' || r > '9' }) {
		if len(w) == 5 {
			pc = w
		}
	}
	return pc
}

// ChoosePlace picks the destination that fits what the buyer wrote: one
// with the address's postcode wins, then the one whose words the address
// holds most. ok is false when two fit equally (ask the buyer).
func ChoosePlace(written string, places []shipping.Place) (shipping.Place, bool) {
	if len(places) == 0 {
		return shipping.Place{}, false
	}
	if len(places) == 1 {
		return places[0], true
	}
	w := " " + shipping.NormalizeQuery(written) + " "
	pc := postcodeOf(written)
	best, second := -1, -1
	bi := 0
	for i, p := range places {
		s := 0
		if pc != "" && (p.Postcode == pc || strings.Contains(" "+shipping.NormalizeQuery(p.Label)+" ", " "+pc+" ")) {
			s += 1000
		}
		for _, word := range strings.Fields(shipping.NormalizeQuery(p.Label)) {
			if len(word) > 2 && strings.Contains(w, " "+word+" ") {
				s += len(word)
			}
		}
		if s > best {
			second, best, bi = best, s, i
		} else if s > second {
			second = s
		}
	}
	if best >= 1000 || best > second {
		return places[bi], true
	}
	return shipping.Place{}, false
}

// shipOptions keeps the services of the shop's couriers (named as the shop
// writes them), cheapest first, at most MaxOptions.
func (t *turn) shipOptions(quotes []shipping.Quote) []shipping.Quote {
	max := t.shop.Shipping.Live.MaxOptions
	if max <= 0 {
		max = maxShipOptions
	}
	var out []shipping.Quote
	seen := map[string]bool{}
	for _, q := range quotes {
		if q.Price <= 0 || q.Service == "" {
			continue
		}
		name, ok := lang.MatchCourier(q.Courier, t.shop.Shipping.Couriers)
		if !ok {
			if name, ok = lang.MatchCourier(q.Name, t.shop.Shipping.Couriers); !ok {
				continue
			}
		}
		q.Name = name
		key := strings.ToLower(name + "|" + q.Service)
		if seen[key] {
			continue
		}
		seen[key] = true
		out = append(out, q)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Price < out[j].Price })
	if len(out) > max {
		out = out[:max]
	}
	return out
}

func (t *turn) weightText(grams int) string {
	return strconv.Itoa(shipping.RoundGrams(grams, 1000)/1000) + " kg"
}

// optionList is the numbered list of services.
func (t *turn) optionList(place string, grams int, opts []shipping.Quote) string {
	var b strings.Builder
	b.WriteString(t.shop.Text("shipping_options_head", "place", lang.Clean(place, 80), "weight", t.weightText(grams)))
	for i, q := range opts {
		eta := ""
		if q.Days != "" {
			eta = t.shop.Text("shipping_eta", "days", q.Days)
		}
		b.WriteString("\n" + t.shop.Text("shipping_option_line", "n", strconv.Itoa(i+1), "courier", q.Name,
			"service", q.Service, "price", lang.FormatRupiah(q.Price), "eta", eta))
	}
	return b.String()
}

// choose records a service for the order and goes on to the summary.
func (t *turn) choose(q shipping.Quote) {
	s := t.st.Ship
	t.st.Details.Courier = q.Name
	t.st.Details.Ship = &ShipChoice{Courier: q.Name, Service: q.Service, Price: q.Price, Days: q.Days,
		Place: s.Place, Address: s.Address, Grams: s.Grams}
	s.Options, s.Places = nil, nil
	t.st.Step = StepCart
	t.askDetails()
}

// shippingQuote runs the lookup's follow-up: what the provider answered,
// for the buyer.
func (f *followUp) shippingQuote(st *State) {
	c, ok := f.v.CustomerByID(f.fu.Subject)
	switch {
	case !ok:
		f.skip("no customer")
		return
	case st == nil || st.Ship == nil || st.Ship.Seq != f.fu.Step:
		f.skip("stale")
		return
	case c.PausedUntil.After(f.now):
		f.skip("a human has the chat")
		return
	}
	t := &turn{shop: f.shop, v: f.v, in: Input{Customer: *c, At: f.now}, st: *st}
	ship := *st.Ship
	t.st.Ship = &ship
	fe := f.fu.Fetched
	if ship.Ask {
		f.res.Note = t.quoteAnswer(fe)
	} else {
		if t.st.Step != StepWaitShipping || t.st.Details.Address != ship.Address || len(t.st.Cart) == 0 {
			f.skip("stale")
			return
		}
		f.res.Note = t.quoteOrder(fe)
	}
	for _, r := range t.res.Replies {
		if r.To == "" {
			r.To = c.Chat()
		}
		f.res.Replies = append(f.res.Replies, r)
	}
	f.res.Effects = append(f.res.Effects, t.res.Effects...)
	f.res.State = &t.st
}

// quoteOrder offers the couriers for the order's address, asks which
// destination, or falls back to the flat rates.
func (t *turn) quoteOrder(fe *Fetched) string {
	s := t.st.Ship
	if fe == nil || fe.Err != nil {
		return t.quoteFallback("fallback: lookup failed")
	}
	if len(fe.Quotes) == 0 && len(fe.Places) > 1 && s.PlaceID == "" {
		places := fe.Places
		if len(places) > maxShipOptions {
			places = places[:maxShipOptions]
		}
		s.Places = places
		var b strings.Builder
		b.WriteString(t.shop.Text("shipping_pick_place"))
		for i, p := range places {
			b.WriteString("\n" + strconv.Itoa(i+1) + ". " + lang.Clean(p.Label, 100))
		}
		t.sayText(b.String())
		t.st.Step = StepPickPlace
		return "asked which place"
	}
	if len(fe.Places) > 0 && s.Place == "" {
		s.PlaceID, s.Place = fe.Places[0].ID, fe.Places[0].Label
	}
	opts := t.shipOptions(fe.Quotes)
	if len(opts) == 0 {
		return t.quoteFallback("fallback: no quote")
	}
	if d := t.st.Details.Courier; d != "" {
		// The buyer named a courier already: its cheapest service.
		for _, q := range opts {
			if strings.EqualFold(q.Name, d) {
				t.choose(q)
				return "chosen: named courier"
			}
		}
	}
	s.Options = opts
	t.sayText(t.optionList(shortPlace(s.Place), s.Grams, opts))
	t.say("shipping_options_ask")
	t.st.Step = StepPickShipping
	return "offered"
}

// quoteFallback goes on with the flat rates, as without a provider.
func (t *turn) quoteFallback(note string) string {
	t.st.Ship.Failed = true
	t.st.Ship.Options, t.st.Ship.Places = nil, nil
	t.st.Step = StepCart
	t.askDetails()
	return note
}

// quoteAnswer answers "ongkir ke …?" with the live prices, or as the flat
// rates would.
func (t *turn) quoteAnswer(fe *Fetched) string {
	s := t.st.Ship
	place := s.Query
	var opts []shipping.Quote
	if fe != nil && fe.Err == nil {
		opts = t.shipOptions(fe.Quotes)
	}
	if len(opts) == 0 {
		t.st.Ship = &ShipLookup{Seq: s.Seq}
		t.flatAnswer(place)
		if fe != nil && fe.Err != nil {
			return "fallback: lookup failed"
		}
		return "fallback: no quote"
	}
	if len(fe.Places) > 0 {
		place = shortPlace(fe.Places[0].Label)
	}
	t.sayText(t.optionList(place, s.Grams, opts))
	t.say("shipping_live_tail")
	t.st.Ship = &ShipLookup{Seq: s.Seq}
	return "answered"
}

// flatAnswer is the flat-rate answer to a shipping question about place.
func (t *turn) flatAnswer(place string) {
	place = lang.Clean(place, 40)
	if r, ok := t.rateFor(place); ok {
		origin := t.shop.Shipping.Origin
		if origin == "" {
			origin = t.shop.Name
		}
		t.say("shipping_rate", "region", r.Area, "price", lang.FormatRupiah(r.Price), "origin", origin,
			"couriers", strings.Join(t.shop.Shipping.Couriers, ", "))
		return
	}
	if t.shop.Shipping.Default > 0 {
		t.say("shipping_default", "place", place, "price", lang.FormatRupiah(t.shop.Shipping.Default))
		return
	}
	t.say("shipping_unknown", "place", place)
}

// shortPlace is a destination label without its province and postcode:
// "Tambun Selatan, Bekasi".
func shortPlace(label string) string {
	parts := strings.Split(label, ",")
	var keep []string
	for _, p := range parts {
		p = strings.TrimSpace(p)
		if p == "" || p == "-" || postcodeOf(p) == p {
			continue
		}
		if len(keep) > 0 && strings.EqualFold(keep[len(keep)-1], p) {
			continue
		}
		keep = append(keep, p)
		if len(keep) == 2 {
			break
		}
	}
	if len(keep) == 0 {
		return lang.Clean(label, 80)
	}
	return strings.Join(keep, ", ")
}

// onShipPick reads the answer to the courier list or the destination list.
func (t *turn) onShipPick() bool {
	s := t.st.Ship
	switch t.st.Step {
	case StepWaitShipping:
		if t.substantive() || s == nil {
			return false
		}
		t.greet()
		t.say("shipping_checking", "place", shipPlace(t.st.Details.Address))
		return true
	case StepPickPlace:
		if s == nil || len(s.Places) == 0 {
			t.st.Step = StepCart
			return false
		}
		k := 0
		if len(t.r.Choices) == 1 && t.r.Choices[0] >= 1 && t.r.Choices[0] <= len(s.Places) {
			k = t.r.Choices[0]
		} else if p, ok := ChoosePlace(t.in.Text, s.Places); ok && !t.substantive() {
			for i := range s.Places {
				if s.Places[i].ID == p.ID {
					k = i + 1
				}
			}
		}
		if k == 0 {
			if t.substantive() || t.has(lang.ActCancel) || t.has(lang.ActHuman) || t.has(lang.ActComplaint) {
				return false
			}
			t.greet()
			t.say("shipping_pick_number")
			return true
		}
		p := s.Places[k-1]
		t.greet()
		t.scheduleQuote(&ShipLookup{Query: s.Query, Address: s.Address, Grams: s.Grams, PlaceID: p.ID, Place: p.Label}, shortPlace(p.Label))
		t.st.Step = StepWaitShipping
		return true
	case StepPickShipping:
		if s == nil || len(s.Options) == 0 {
			t.st.Step = StepCart
			return false
		}
		k := t.pickService(s.Options)
		if k == 0 {
			if t.substantive() || t.has(lang.ActCancel) || t.has(lang.ActHuman) || t.has(lang.ActComplaint) || t.has(lang.ActAbuse) {
				return false
			}
			t.greet()
			t.say("shipping_options_ask")
			return true
		}
		t.greet()
		t.choose(s.Options[k-1])
		return true
	}
	return false
}

// pickService reads which offered service the buyer means: a number, "jne
// aja", "reg", "yang paling murah", "yang paling cepat". 0 when unclear.
func (t *turn) pickService(opts []shipping.Quote) int {
	if len(t.r.Choices) == 1 && t.r.Choices[0] >= 1 && t.r.Choices[0] <= len(opts) {
		return t.r.Choices[0]
	}
	n := " " + t.norm + " "
	has := func(ws ...string) bool {
		for _, w := range ws {
			if strings.Contains(n, " "+w+" ") || strings.Contains(n, " "+w) && strings.HasSuffix(w, "murah") {
				return true
			}
		}
		return false
	}
	switch {
	case has("termurah", "paling murah", "yang murah", "murah", "murahan", "hemat"):
		return 1
	case has("tercepat", "paling cepat", "yang cepat", "cepat", "kilat", "express", "ekspres"):
		best, bestDays := 0, 0
		for i, q := range opts {
			if q.MaxDays > 0 && (best == 0 || q.MaxDays < bestDays) {
				best, bestDays = i+1, q.MaxDays
			}
		}
		return best
	}
	courier, named := lang.MatchCourier(t.in.Text, t.shop.Shipping.Couriers)
	pick := 0
	for i, q := range opts {
		if named && !strings.EqualFold(q.Name, courier) {
			continue
		}
		svc := strings.ToLower(q.Service)
		if strings.Contains(n, " "+svc+" ") {
			return i + 1 // "jne reg", "reg": the service named
		}
		if named && pick == 0 {
			pick = i + 1 // the courier's cheapest
		}
	}
	return pick
}
