package flows

import (
	"github.com/pesanbot/pesanbot/flows/lang"

	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"
)

// IsCommand reports whether a staff text is a command (starts with / or #).
func IsCommand(text string) bool {
	s := strings.TrimSpace(text)
	return len(s) > 1 && (s[0] == '/' || s[0] == '#') && s[1] != ' '
}

// command is one staff command: the roles allowed and the handler.
type command struct {
	usage string
	help  string
	roles []Role
	run   func(c *cmdTurn) string
}

var commands map[string]command

func init() {
	all := []Role{RoleOwner, RoleCS, RoleGudang}
	ownerCS := []Role{RoleOwner, RoleCS}
	ownerGudang := []Role{RoleOwner, RoleGudang}
	commands = map[string]command{
		"bantuan":       {"/bantuan", "daftar perintah", all, (*cmdTurn).help},
		"ringkasan":     {"/ringkasan [minggu|bulan]", "ringkasan penjualan", []Role{RoleOwner}, (*cmdTurn).summary},
		"pesanan":       {"/pesanan [status|ID]", "pesanan terbuka / detail", all, (*cmdTurn).orders},
		"lunas":         {"/lunas ID", "pembayaran sudah dicek", ownerCS, (*cmdTurn).paid},
		"kirim":         {"/kirim ID KURIR RESI", "sudah dikirim", ownerGudang, (*cmdTurn).ship},
		"selesai":       {"/selesai ID", "pesanan selesai", all, (*cmdTurn).complete},
		"batal":         {"/batal ID [alasan]", "batalkan, stok kembali", ownerCS, (*cmdTurn).cancel},
		"komplain":      {"/komplain [ID]", "komplain terbuka / detail", ownerCS, (*cmdTurn).complaints},
		"balas":         {"/balas ID teks", "jawab komplain", ownerCS, (*cmdTurn).reply},
		"tutup":         {"/tutup ID [catatan]", "komplain beres", ownerCS, (*cmdTurn).close},
		"stok":          {"/stok [SKU] [VARIAN] [+N|-N|N]", "lihat / ubah stok", ownerGudang, (*cmdTurn).stock},
		"ambil":         {"/ambil NOMOR", "ambil alih chat", ownerCS, (*cmdTurn).take},
		"lepas":         {"/lepas NOMOR", "kembalikan chat ke bot", ownerCS, (*cmdTurn).release},
		"gudang":        {"/gudang", "daftar kemas", all, (*cmdTurn).packing},
		"datapelanggan": {"/datapelanggan NOMOR", "data yang disimpan tentang pelanggan", []Role{RoleOwner}, (*cmdTurn).customerData},
		"hapusdata":     {"/hapusdata NOMOR YA", "hapus data pelanggan (UU PDP)", []Role{RoleOwner}, (*cmdTurn).eraseCustomer},
		"retur":         {"/retur ID [catatan]", "paket kembali tidak dibayar, stok kembali", ownerGudang, (*cmdTurn).returned},
	}
}

// cmdTurn carries one staff command.
type cmdTurn struct {
	shop  *Shop
	v     View
	actor Staff
	args  []string
	rest  string // text after the command word, as written
	at    time.Time
	res   Result
}

// HandleCommand runs a staff command. The caller has checked that the sender
// is configured staff; the role decides what the command may do.
func HandleCommand(shop *Shop, actor Staff, text string, at time.Time, v View) Result {
	s := strings.TrimSpace(lang.Clean(text, lang.MaxParseRunes))
	word, rest, _ := strings.Cut(s[1:], " ")
	name := strings.ToLower(word)
	c := &cmdTurn{shop: shop, v: v, actor: actor, rest: strings.TrimSpace(rest), args: strings.Fields(rest), at: at}
	cmd, ok := commands[name]
	var reply string
	switch {
	case !ok:
		reply = fmt.Sprintf("Perintah /%s tidak dikenal. Ketik /bantuan.", lang.Clean(word, 30))
	case !hasRole(cmd.roles, actor.Role):
		reply = fmt.Sprintf("Perintah /%s tidak untuk peran %s. Ketik /bantuan.", name, actor.Role)
	default:
		reply = cmd.run(c)
	}
	c.res.Replies = append([]Reply{{Text: reply}}, c.res.Replies...)
	return c.res
}

func hasRole(roles []Role, r Role) bool {
	for _, x := range roles {
		if x == r {
			return true
		}
	}
	return false
}

func (c *cmdTurn) effect(e Effect) { c.res.Effects = append(c.res.Effects, e) }

func (c *cmdTurn) audit(action, detail string) {
	c.effect(Audit{Actor: c.actor.Phone, Action: action, Detail: detail})
}

// tell sends a text to a customer by phone.
func (c *cmdTurn) tell(phone, text string) {
	if phone == "" {
		return
	}
	c.res.Replies = append(c.res.Replies, Reply{To: phone, Text: text})
}

func (c *cmdTurn) help() string {
	var names []string
	for n, cmd := range commands {
		if hasRole(cmd.roles, c.actor.Role) {
			names = append(names, n)
		}
	}
	sort.Strings(names)
	var b strings.Builder
	b.WriteString("Perintah untuk " + string(c.actor.Role) + ":")
	for _, n := range names {
		b.WriteString("\n" + commands[n].usage + " — " + commands[n].help)
	}
	return b.String()
}

// orderArg reads the order id argument.
func (c *cmdTurn) orderArg(usage string) (*Order, string) {
	if len(c.args) == 0 {
		return nil, "Format: " + usage
	}
	id, err := strconv.ParseInt(strings.TrimPrefix(c.args[0], "#"), 10, 64)
	if err != nil || id <= 0 {
		return nil, fmt.Sprintf("%q bukan nomor pesanan. Format: %s", lang.Clean(c.args[0], 20), usage)
	}
	o, ok := c.v.Order(id)
	if !ok {
		return nil, fmt.Sprintf("Pesanan #%d tidak ada.", id)
	}
	return o, ""
}

func (c *cmdTurn) paid() string {
	o, msg := c.orderArg("/lunas ID")
	if o == nil {
		return msg
	}
	if !o.Status.Unpaid() {
		return fmt.Sprintf("Pesanan #%d statusnya %s, tidak diubah.", o.ID, o.Status)
	}
	c.effect(SetOrderStatus{ID: o.ID, Status: StatusPaid, At: c.at})
	c.audit("lunas", fmt.Sprintf("order %d", o.ID))
	c.tell(o.CustomerPhone, c.shop.Text("customer_paid", "id", itoa(o.ID)))
	return fmt.Sprintf("✅ Pesanan #%d LUNAS (%s). Pelanggan sudah diberi tahu.", o.ID, lang.FormatRupiah(o.Total))
}

func (c *cmdTurn) ship() string {
	o, msg := c.orderArg("/kirim ID KURIR RESI")
	if o == nil {
		return msg
	}
	if len(c.args) < 3 {
		return "Format: /kirim ID KURIR RESI (contoh: /kirim 12 JNE 0108801234)"
	}
	courier := lang.Clean(c.args[1], 30)
	if m, ok := lang.MatchCourier(courier, c.shop.Shipping.Couriers); ok {
		courier = m
	}
	tracking := lang.Clean(strings.Join(c.args[2:], ""), 60)
	cod := o.Payment == PayCOD && o.Status == StatusAwaitingPayment // paid to the courier
	if o.Status != StatusPaid && o.Status != StatusShipped && !cod {
		return fmt.Sprintf("Pesanan #%d belum lunas (%s). /lunas %d dulu.", o.ID, o.Status, o.ID)
	}
	c.effect(SetOrderStatus{ID: o.ID, Status: StatusShipped, At: c.at, Courier: courier, Tracking: tracking})
	if o.Status != StatusShipped {
		// A corrected waybill keeps the follow-ups already planned.
		for _, e := range shippedFollowUps(c.shop, o.ID, c.at) {
			c.effect(e)
		}
	}
	c.audit("kirim", fmt.Sprintf("order %d %s %s", o.ID, courier, tracking))
	c.tell(o.CustomerPhone, c.shop.Text("customer_shipped", "id", itoa(o.ID), "courier", courier, "tracking", tracking))
	return fmt.Sprintf("📦 Pesanan #%d DIKIRIM, %s resi %s. Pelanggan sudah diberi tahu.", o.ID, courier, tracking)
}

func (c *cmdTurn) complete() string {
	o, msg := c.orderArg("/selesai ID")
	if o == nil {
		return msg
	}
	if o.Status != StatusShipped && o.Status != StatusPaid {
		return fmt.Sprintf("Pesanan #%d statusnya %s; hanya pesanan lunas/dikirim yang bisa diselesaikan.", o.ID, o.Status)
	}
	for _, e := range completedEffects(c.shop, o.ID, c.at) {
		c.effect(e)
	}
	c.audit("selesai", fmt.Sprintf("order %d", o.ID))
	c.tell(o.CustomerPhone, c.shop.Text("customer_completed", "id", itoa(o.ID), "shop", c.shop.Name))
	return fmt.Sprintf("Pesanan #%d SELESAI.", o.ID)
}

func (c *cmdTurn) cancel() string {
	o, msg := c.orderArg("/batal ID [alasan]")
	if o == nil {
		return msg
	}
	if !o.Status.Open() || o.Status == StatusShipped {
		return fmt.Sprintf("Pesanan #%d statusnya %s, tidak bisa dibatalkan.", o.ID, o.Status)
	}
	reason := lang.Clean(strings.TrimSpace(strings.TrimPrefix(c.rest, c.args[0])), 200)
	c.effect(SetOrderStatus{ID: o.ID, Status: StatusCancelled, At: c.at, Reason: reason})
	c.audit("batal", fmt.Sprintf("order %d: %s", o.ID, reason))
	r := ""
	if reason != "" {
		r = " (" + reason + ")"
	}
	c.tell(o.CustomerPhone, c.shop.Text("customer_cancelled", "id", itoa(o.ID), "reason", r))
	return fmt.Sprintf("❌ Pesanan #%d DIBATALKAN, stok dikembalikan. Pelanggan sudah diberi tahu.", o.ID)
}

// statusArg reads a status in English or the shop's words.
func statusArg(s string) (OrderStatus, bool) { return ParseOrderStatus(s) }

func (c *cmdTurn) orders() string {
	if len(c.args) > 0 {
		if st, ok := statusArg(c.args[0]); ok {
			return c.orderList(st)
		}
		o, msg := c.orderArg("/pesanan [status|ID]")
		if o == nil {
			return msg
		}
		return OrderDetail(c.shop, o)
	}
	return c.orderList("")
}

// orderListShown is how many orders /pesanan (and complaints /komplain)
// lists; the rest are counted.
const orderListShown = 30

// orderHeader is a View that reads the first n orders of a status ("":
// open), with their lines, and counts them all, without loading every one.
type orderHeader interface {
	OrdersHead(status OrderStatus, n int) (head []Order, total int)
}

// orderLister is a View that reads the first n orders of a status ("":
// open) as a list shows them (no lines or proofs) and counts them all.
type orderLister interface {
	OrderList(status OrderStatus, n int) (head []Order, total int)
}

func (c *cmdTurn) orderList(st OrderStatus) string {
	var list []Order
	var total int
	if l, ok := c.v.(orderLister); ok {
		list, total = l.OrderList(st, orderListShown)
	} else if h, ok := c.v.(orderHeader); ok {
		list, total = h.OrdersHead(st, orderListShown)
	} else {
		list = c.v.Orders(st)
		total = len(list)
	}
	if total == 0 || len(list) == 0 {
		return "Tidak ada pesanan."
	}
	var b strings.Builder
	label := "terbuka"
	if st != "" {
		label = st.Label()
	}
	fmt.Fprintf(&b, "Pesanan %s (%d):", label, total)
	for i, o := range list {
		if i == orderListShown {
			break
		}
		fmt.Fprintf(&b, "\n#%d %s %s — %s", o.ID, lang.Clean(o.CustomerName, 40), lang.FormatRupiah(o.Total), o.Status.Label())
	}
	if shown := min(len(list), orderListShown); total > shown {
		b.WriteString("\n" + c.shop.Text("list_more", "n", itoa(int64(total-shown))))
	}
	return b.String()
}

// OrderDetail is one order for staff.
func OrderDetail(shop *Shop, o *Order) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Pesanan #%d — %s\n", o.ID, o.Status.Label())
	fmt.Fprintf(&b, "%s, %s (WA %s)\n%s\n", lang.Clean(o.CustomerName, 100), o.Phone, o.CustomerPhone, lang.Clean(o.Address, 500))
	for _, it := range o.Items {
		fmt.Fprintf(&b, "• %d x %s = %s\n", it.Qty, lineName(it.Name, it.Variant), lang.FormatRupiah(it.Price*int64(it.Qty)))
	}
	fmt.Fprintf(&b, "Ongkir %s (%s), kode %d, total %s", lang.FormatRupiah(o.Shipping), o.Courier, o.UniqueCode, lang.FormatRupiah(o.Total))
	if o.Tracking != "" {
		fmt.Fprintf(&b, "\nResi %s", o.Tracking)
	}
	if len(o.Proofs) > 0 {
		fmt.Fprintf(&b, "\nBukti transfer: %d foto", len(o.Proofs))
	}
	return b.String()
}

func (c *cmdTurn) complaintArg(usage string) (*Complaint, string) {
	if len(c.args) == 0 {
		return nil, "Format: " + usage
	}
	id, err := strconv.ParseInt(strings.TrimPrefix(c.args[0], "#"), 10, 64)
	if err != nil || id <= 0 {
		return nil, fmt.Sprintf("%q bukan nomor komplain. Format: %s", lang.Clean(c.args[0], 20), usage)
	}
	k, ok := c.v.Complaint(id)
	if !ok {
		return nil, fmt.Sprintf("Komplain #%d tidak ada.", id)
	}
	return k, ""
}

func (c *cmdTurn) complaints() string {
	if len(c.args) > 0 {
		k, msg := c.complaintArg("/komplain [ID]")
		if k == nil {
			return msg
		}
		order := ""
		if k.OrderID > 0 {
			order = fmt.Sprintf(", pesanan #%d", k.OrderID)
		}
		return fmt.Sprintf("Komplain #%d (%s, %s%s)\n%s (%s)\n\"%s\"\nJanji jawab: %s, tindak lanjut: %d",
			k.ID, k.Category.Label(), k.Status.Label(), order, lang.Clean(k.CustomerName, 60), k.CustomerPhone,
			lang.Clean(k.Description, 1000), c.shop.When(c.at, k.DueAt), k.FollowUps)
	}
	var list []Complaint
	var total int
	if h, ok := c.v.(complaintHeader); ok {
		list, total = h.ComplaintsHead(orderListShown)
	} else {
		list = c.v.Complaints("")
		total = len(list)
	}
	if total == 0 || len(list) == 0 {
		return "Tidak ada komplain terbuka. 👍"
	}
	var b strings.Builder
	fmt.Fprintf(&b, "Komplain terbuka (%d):", total)
	for i, k := range list {
		if i == orderListShown {
			break
		}
		late := ""
		if k.Status == ComplaintOpen && k.DueAt.Before(c.at) {
			late = " ⏰ LEWAT JANJI"
		}
		fmt.Fprintf(&b, "\n#%d %s — %s, janji %s%s", k.ID, lang.Clean(k.CustomerName, 40), k.Category.Label(), c.shop.When(c.at, k.DueAt), late)
	}
	if shown := min(len(list), orderListShown); total > shown {
		b.WriteString("\n" + c.shop.Text("list_more", "n", itoa(int64(total-shown))))
	}
	return b.String()
}

// complaintHeader is a View that reads the first n complaints not
// resolved and counts them all, without loading every one.
type complaintHeader interface {
	ComplaintsHead(n int) (head []Complaint, total int)
}

func (c *cmdTurn) reply() string {
	k, msg := c.complaintArg("/balas ID teks")
	if k == nil {
		return msg
	}
	text := lang.Clean(strings.TrimSpace(strings.TrimPrefix(c.rest, c.args[0])), 1000)
	if text == "" {
		return "Format: /balas ID teks"
	}
	up := UpdateComplaint{ID: k.ID, AddFollowUp: true}
	if k.Status == ComplaintOpen {
		up.Status = ComplaintAnswered
	}
	c.effect(up)
	c.audit("balas", fmt.Sprintf("complaint %d", k.ID))
	c.tell(k.CustomerPhone, c.shop.Text("customer_reply", "id", itoa(k.ID), "text", text))
	return fmt.Sprintf("Balasan untuk komplain #%d terkirim.", k.ID)
}

func (c *cmdTurn) close() string {
	k, msg := c.complaintArg("/tutup ID [catatan]")
	if k == nil {
		return msg
	}
	if k.Status == ComplaintResolved {
		return fmt.Sprintf("Komplain #%d sudah selesai.", k.ID)
	}
	note := lang.Clean(strings.TrimSpace(strings.TrimPrefix(c.rest, c.args[0])), 300)
	c.effect(UpdateComplaint{ID: k.ID, Status: ComplaintResolved, Note: note, SettleAskedAt: c.at})
	c.effect(Schedule{Kind: FollowUpComplaintSettle, Subject: k.ID, DueAt: c.at.Add(24 * time.Hour)})
	c.audit("tutup", fmt.Sprintf("complaint %d", k.ID))
	n := ""
	if note != "" {
		n = " (" + note + ")"
	}
	c.tell(k.CustomerPhone, c.shop.Text("customer_settle", "id", itoa(k.ID), "note", n))
	return fmt.Sprintf("Komplain #%d DITUTUP. Pelanggan ditanya apakah sudah beres.", k.ID)
}

func (c *cmdTurn) phoneArg(usage string) (string, string) {
	if len(c.args) == 0 {
		return "", "Format: " + usage
	}
	p, err := lang.NormalizePhone(strings.Join(c.args, ""))
	if err != nil {
		return "", fmt.Sprintf("%q bukan nomor HP. Format: %s", lang.Clean(c.rest, 30), usage)
	}
	return p, ""
}

func (c *cmdTurn) take() string {
	p, msg := c.phoneArg("/ambil NOMOR")
	if p == "" {
		return msg
	}
	until := c.at.Add(c.shop.HandoverCap)
	c.effect(SetPause{Phone: p, Until: until})
	c.audit("ambil", p)
	return fmt.Sprintf("Chat %s dipegang admin sampai %s. /lepas %s untuk mengembalikan ke bot.", p, c.shop.When(c.at, until), p)
}

func (c *cmdTurn) release() string {
	p, msg := c.phoneArg("/lepas NOMOR")
	if p == "" {
		return msg
	}
	c.effect(SetPause{Phone: p})
	c.audit("lepas", p)
	return fmt.Sprintf("Chat %s kembali dilayani bot.", p)
}

// packingLister is a View that reads the first n paid orders with what
// packing needs (recipient, phone, address, courier, lines) and counts them
// all.
type packingLister interface {
	PackingList(n int) (head []Order, total int)
}

// packingShown is how many paid orders /gudang lists, oldest first, with
// their addresses and lines; the rest are counted.
const packingShown = 20

func (c *cmdTurn) packing() string {
	var list []Order
	var total int
	if p, ok := c.v.(packingLister); ok {
		list, total = p.PackingList(packingShown)
	} else if h, ok := c.v.(orderHeader); ok {
		list, total = h.OrdersHead(StatusPaid, packingShown)
	} else {
		list = c.v.Orders(StatusPaid)
		total = len(list)
	}
	if total == 0 || len(list) == 0 {
		return c.shop.Text("packing_none")
	}
	var b strings.Builder
	b.WriteString(c.shop.Text("packing_head", "n", itoa(int64(total))))
	for i, o := range list {
		if i == packingShown {
			break
		}
		fmt.Fprintf(&b, "\n\n#%d %s (%s)\n%s, %s", o.ID, lang.Clean(o.CustomerName, 60), o.Courier, o.Phone, lang.Clean(o.Address, 500))
		for _, it := range o.Items {
			fmt.Fprintf(&b, "\n• %d x %s", it.Qty, lineName(it.Name, it.Variant))
		}
	}
	if shown := min(len(list), packingShown); total > shown {
		b.WriteString("\n\n" + c.shop.Text("list_more", "n", itoa(int64(total-shown))))
	}
	return b.String()
}

func (c *cmdTurn) summary() string {
	loc := c.shop.loc()
	now := c.at.In(loc)
	from := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, loc)
	label := "hari ini"
	if len(c.args) > 0 {
		switch strings.ToLower(c.args[0]) {
		case "minggu", "pekan":
			from, label = from.AddDate(0, 0, -6), "7 hari terakhir"
		case "bulan":
			from, label = from.AddDate(0, 0, -29), "30 hari terakhir"
		default:
			return "Format: /ringkasan [minggu|bulan]"
		}
	}
	s := c.v.Summary(from.UTC(), c.at)
	return SummaryText(c.shop, s, label)
}

// SummaryText is the owner summary, short enough to read on a phone.
func SummaryText(shop *Shop, s Summary, label string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "📊 Ringkasan %s — %s\n", shop.Name, label)
	fmt.Fprintf(&b, "Pesanan: %d, omzet (lunas): %s\n", s.Orders, lang.FormatRupiah(s.Revenue))
	fmt.Fprintf(&b, "Belum bayar: %d, perlu dikirim: %d\n", s.Unpaid, s.ToShip)
	fmt.Fprintf(&b, "Komplain terbuka: %d (lewat janji: %d)", s.OpenComplaints, s.OverdueComplaints)
	if len(s.TopProducts) > 0 {
		var p []string
		for i, n := range s.TopProducts {
			if i == 3 {
				break
			}
			p = append(p, fmt.Sprintf("%s (%d)", n.Name, n.Count))
		}
		b.WriteString("\nTerlaris: " + strings.Join(p, ", "))
	}
	if len(s.TopRegions) > 0 {
		var p []string
		for i, n := range s.TopRegions {
			if i == 3 {
				break
			}
			p = append(p, fmt.Sprintf("%s (%d)", n.Name, n.Count))
		}
		b.WriteString("\nDaerah: " + strings.Join(p, ", "))
	}
	if len(s.BusiestHours) > 0 {
		var p []string
		for i, h := range s.BusiestHours {
			if i == 3 {
				break
			}
			p = append(p, fmt.Sprintf("%02d.00", h.Hour))
		}
		b.WriteString("\nJam ramai: " + strings.Join(p, ", "))
	}
	if s.CSAT.Count > 0 {
		fmt.Fprintf(&b, "\nKepuasan pembeli: %.1f/5 dari %d penilaian", s.CSAT.Average, s.CSAT.Count)
	}
	b.WriteString(workloadText(shop, s))
	return b.String()
}

// stock shows or changes stock: /stok, /stok SKU, /stok SKU VARIAN N|+N|-N.
func (c *cmdTurn) stock() string {
	cat := c.v.Catalog()
	if len(c.args) == 0 {
		var b strings.Builder
		b.WriteString("Stok (habis/menipis dulu):")
		type row struct {
			label string
			stock int
		}
		var rows []row
		for _, p := range cat.Products {
			for _, v := range p.Variants {
				rows = append(rows, row{p.SKU + " " + lineName(p.Name, v.Name), v.Stock})
			}
		}
		sort.SliceStable(rows, func(i, j int) bool { return rows[i].stock < rows[j].stock })
		for i, r := range rows {
			if i == 40 {
				fmt.Fprintf(&b, "\n… %d lagi", len(rows)-40)
				break
			}
			fmt.Fprintf(&b, "\n%s: %d", r.label, r.stock)
		}
		return b.String()
	}
	p, ok := cat.Product(c.args[0])
	if !ok {
		m := MatchProduct(cat, c.args[0])
		if m.Product == nil {
			return fmt.Sprintf("SKU %q tidak ada. /stok untuk daftar.", lang.Clean(c.args[0], 30))
		}
		p = m.Product
	}
	args := c.args[1:]
	if len(args) == 0 {
		var b strings.Builder
		fmt.Fprintf(&b, "%s %s:", p.SKU, p.Name)
		for _, v := range p.Variants {
			fmt.Fprintf(&b, "\n%s: %d (%s)", variantLabel(v), v.Stock, lang.FormatRupiah(v.Price))
		}
		return b.String()
	}
	last := args[len(args)-1]
	variantText := strings.Join(args[:len(args)-1], " ")
	sign := byte(0)
	num := last
	if last[0] == '+' || last[0] == '-' {
		sign, num = last[0], last[1:]
	}
	n, err := lang.ParseQuantity(num, 1_000_000)
	if err != nil && num != "0" {
		return "Jumlah stok harus angka, contoh: /stok " + p.SKU + " hitam 10, +5 atau -2"
	}
	if num == "0" {
		n = 0
	}
	var v *Variant
	if len(p.Variants) == 1 && variantText == "" {
		v = &p.Variants[0]
	} else if vv, ok := p.Variant(variantText); ok {
		v = vv
	} else {
		cv, cands := MatchVariant(p, variantText)
		if cv == nil {
			var names []string
			for _, x := range cands {
				names = append(names, x.Name)
			}
			if len(names) == 0 {
				for _, x := range p.Variants {
					names = append(names, x.Name)
				}
			}
			return fmt.Sprintf("Varian %q tidak jelas. Pilihan: %s", lang.Clean(variantText, 30), strings.Join(names, ", "))
		}
		v = cv
	}
	newStock := n
	switch sign {
	case '+':
		newStock = v.Stock + n
	case '-':
		newStock = v.Stock - n
	}
	if newStock < 0 {
		return fmt.Sprintf("Stok %s %s tinggal %d, tidak bisa dikurangi %d.", p.Name, v.Name, v.Stock, n)
	}
	if newStock > 1_000_000 {
		return "Stok maksimal 1.000.000."
	}
	c.effect(SetStock{VariantID: v.ID, Stock: newStock})
	c.audit("stok", fmt.Sprintf("%s %s: %d -> %d", p.SKU, v.Name, v.Stock, newStock))
	return fmt.Sprintf("Stok %s %s: %d → %d.", p.Name, variantLabel(*v), v.Stock, newStock)
}

func (c *cmdTurn) customerArg(usage string) (*Customer, string) {
	if len(c.args) == 0 {
		return nil, "Format: " + usage
	}
	p, err := lang.NormalizePhone(c.args[0])
	if err != nil {
		return nil, fmt.Sprintf("%q bukan nomor HP. Format: %s", lang.Clean(c.args[0], 30), usage)
	}
	cust, ok := c.v.CustomerByPhone(p)
	if !ok {
		return nil, fmt.Sprintf("Tidak ada data untuk %s.", p)
	}
	return cust, ""
}

func (c *cmdTurn) customerData() string {
	cust, msg := c.customerArg("/datapelanggan NOMOR")
	if cust == nil {
		return msg
	}
	c.audit("lihat data", fmt.Sprintf("customer %d", cust.ID))
	return CustomerData(c.shop, *cust, c.v)
}

// eraseCustomer erases a customer's data on their request made outside the
// chat (phone call, e-mail). "YA" confirms, since it cannot be undone.
func (c *cmdTurn) eraseCustomer() string {
	cust, msg := c.customerArg("/hapusdata NOMOR YA")
	if cust == nil {
		return msg
	}
	if o := eraseBlocker(c.v, cust.ID); o != nil {
		return fmt.Sprintf("Pesanan #%d masih berjalan (%s): selesaikan atau batalkan dulu, lalu hapus.", o.ID, o.Status.Label())
	}
	if len(c.args) < 2 || !strings.EqualFold(c.args[1], "ya") {
		return fmt.Sprintf("Data %s akan dihapus permanen (pesanan disimpan tanpa nama, nomor, alamat). Ketik /hapusdata %s YA untuk lanjut.", cust.Phone, cust.Phone)
	}
	c.res.Effects = append(c.res.Effects, eraseEffects(c.v, cust.ID, c.at)...)
	c.audit("hapus data", fmt.Sprintf("customer %d", cust.ID))
	return fmt.Sprintf("🔒 Data pelanggan #%d dihapus, juga dari cadangan di folder backups (disimpan paling lama 5 minggu). Salinan yang Anda simpan sendiri di tempat lain ikut dibersihkan bila dipulihkan dengan pesanbot restore.", cust.ID)
}

// returned records a shipped parcel that came back unpaid (a COD parcel
// refused or not received): the order is cancelled with reason "retur",
// its stock goes back, and the buyer is offered transfer or QRIS only from
// then on. The buyer gets no message: staff talk to them if they want to.
// The owners and cs staff other than the sender are told.
func (c *cmdTurn) returned() string {
	o, msg := c.orderArg("/retur ID [catatan]")
	if o == nil {
		return msg
	}
	if !o.ReturnedAt.IsZero() {
		return fmt.Sprintf("Pesanan #%d sudah tercatat retur (%s).", o.ID, c.shop.When(c.at, o.ReturnedAt))
	}
	if o.Status != StatusShipped {
		return fmt.Sprintf("Pesanan #%d statusnya %s; /retur hanya untuk pesanan yang sudah dikirim dan paketnya kembali.", o.ID, o.Status.Label())
	}
	note := lang.Clean(strings.TrimSpace(strings.TrimPrefix(c.rest, c.args[0])), 200)
	reason := "retur"
	if note != "" {
		reason += ": " + note
	}
	c.effect(ReturnOrder{ID: o.ID, At: c.at, Reason: reason})
	c.audit("retur", fmt.Sprintf("order %d: %s", o.ID, note))
	text := c.shop.Text("notify_returned", "id", itoa(o.ID), "total", lang.FormatRupiah(o.Total), "items", itemsShort(o.Items), "note", noteSuffix(note))
	for _, r := range staffReplies(c.shop, text, "") {
		if r.To != c.actor.Phone {
			c.res.Replies = append(c.res.Replies, r)
		}
	}
	return fmt.Sprintf("↩️ Pesanan #%d RETUR: dibatalkan, stok dikembalikan (%s). Pembeli ini berikutnya hanya ditawari transfer/QRIS.", o.ID, itemsShort(o.Items))
}

func noteSuffix(note string) string {
	if note == "" {
		return ""
	}
	return " (" + note + ")"
}
