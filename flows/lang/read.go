package lang

// Slot is what the bot asked last, so that a bare answer can be read for
// what it answers: "3" after "mau berapa?" is a quantity, after a numbered
// list a choice.
type Slot string

// The slots a bot question opens.
const (
	SlotNone    Slot = ""
	SlotQty     Slot = "qty"     // "mau berapa, Kak?" about the product under discussion
	SlotName    Slot = "name"    // the recipient's name
	SlotAddress Slot = "address" // the delivery address
	SlotPhone   Slot = "phone"   // the phone number
	SlotCourier Slot = "courier" // which courier
	SlotConfirm Slot = "confirm" // the order summary was shown: "sudah benar?"
	SlotChoice  Slot = "choice"  // a numbered list was shown
	SlotVariant Slot = "variant" // which colour, size, level…
)

// Context is what the reader is told about the conversation.
type Context struct {
	Slot    Slot
	Choices int // how many entries the numbered list had (SlotChoice); 0 when unknown
	// Couriers are the shop's couriers as configured ("JNE", "J&T"); none
	// means the built-in list of Indonesian couriers.
	Couriers []string
	// Areas are the configured shipping areas and their aliases, so that
	// "ongkir ke kab bks" finds its destination.
	Areas []string
	// Current is the SKU of the product under discussion, "" when none: the
	// product meant by "yang hitam 2" or "harganya berapa".
	Current string
}

// Span is a byte range [Start, End) of Reading.Norm.
type Span struct{ Start, End int }

// Op is how an item mention changes the order.
type Op string

// The item operations.
const (
	OpAdd     Op = "add"     // a new item, or more of one: "pashmina 2", "tambah 1"
	OpSet     Op = "set"     // the quantity becomes: "jadi 2", "2 aja", "bukan 3 tapi 2"
	OpRemove  Op = "remove"  // take it out (all, or Qty of it): "bergonya ga jadi", "kurangin 1"
	OpReplace Op = "replace" // change the line's variant or product: "ganti yang mocca aja"
)

// Item is one product line the message speaks of.
type Item struct {
	Span Span
	// SKU is the product named; "" when none was named and the line under
	// discussion is meant ("yang hitam 2", "jadi 3 aja"), or when the name
	// fits several products (then Candidates lists them, best first).
	SKU        string
	Candidates []string
	// Variant is the exact variant name when the words determine one;
	// VariantCandidates the variants that fit when several do; VariantWords
	// the words said about the variant ("hitam l", "level 3").
	Variant           string
	VariantCandidates []string
	VariantWords      string
	// Qty is the quantity said, 0 when none. A number where a quantity
	// goes that is no valid one ("0", "-3", "1.5", "0x10", "1e9", "1_000",
	// "99999999999999999999") is said too, out of any range: 0, -1 for
	// the malformed ones, 1<<40 for the huge ones, so that it is answered.
	Qty     int
	QtySaid bool // a quantity was said
	Op      Op
	Each    bool // the quantity was said for every item ("masing-masing 2")
}

// Mention is words of the message with their span.
type Mention struct {
	Span  Span
	Words string
}

// NoVariant is a variant asked for that the product does not have
// ("gamis aisyah ukuran XXL").
type NoVariant struct {
	Span  Span
	SKU   string
	Words string
}

// Payment choices.
const (
	PayTransfer = "transfer"
	PayCOD      = "cod"
	PayQRIS     = "qris"
)

// Details are the delivery details the message gives.
type Details struct {
	Name    string // cleaned and title-cased: "Rina Marlina"
	Phone   string // normalised: "6281234500001"
	Address string // as written, without chat words
	Courier string // lower-case key: "jne", "jnt", "sicepat", "anteraja", "pos", …
	Payment string // PayTransfer, PayCOD or PayQRIS
	// Spans of the fields above; zero when not given.
	NameSpan, PhoneSpan, AddressSpan, CourierSpan, PaymentSpan Span
}

// QuestionKind is what a question asks about.
type QuestionKind string

// The question kinds.
const (
	QPrice    QuestionKind = "price"
	QStock    QuestionKind = "stock"
	QOngkir   QuestionKind = "ongkir"
	QCOD      QuestionKind = "cod"
	QAccount  QuestionKind = "account"  // "no rek nya mana"
	QPayment  QuestionKind = "payment"  // "bayarnya lewat apa"
	QTotal    QuestionKind = "total"    // "totalnya jadi berapa"
	QStatus   QuestionKind = "status"   // where is my order, parcel, tracking number
	QETA      QuestionKind = "eta"      // "estimasi sampe kapan"
	QDiscount QuestionKind = "discount" // "bisa kurang?", promo, grosir
	QShopInfo QuestionKind = "shopinfo" // shop address, hours, trust
	QCatalog  QuestionKind = "catalog"  // "ada apa aja", katalog
	QHowTo    QuestionKind = "howto"    // how to order
)

// Question is one question of the message.
type Question struct {
	Span Span
	Kind QuestionKind
	// SKU and Variant: the product (and variant) asked about, for price and
	// stock; "" when none was named (the product under discussion is meant).
	SKU, Variant string
	// Candidates: when the product named fits several ("gamis ready?" in
	// a shop with two gamis), their SKUs, best first, and SKU is "".
	Candidates []string
	// VariantCandidates: the variants of the product asked about (of the
	// one under discussion when SKU is "") that fit the words when several
	// do ("yg L ada?").
	VariantCandidates []string
	Place             string // QOngkir: the destination as written, lower case; "" when none
}

// ActKind is what the message does rather than asks.
type ActKind string

// The acts.
const (
	ActConfirm   ActKind = "confirm"   // "ya", "oke", "sudah benar", 👍
	ActDeny      ActKind = "deny"      // "bukan", "salah", "ga"
	ActCancel    ActKind = "cancel"    // cancel the order
	ActKeep      ActKind = "keep"      // "ga jadi batal"
	ActGreet     ActKind = "greet"     // "pagi kak", "halo", "permisi"
	ActSalam     ActKind = "salam"     // "assalamualaikum"
	ActThanks    ActKind = "thanks"    // "makasih", praise
	ActDone      ActKind = "done"      // "udah itu aja"
	ActHuman     ActKind = "human"     // wants a person
	ActAbuse     ActKind = "abuse"     // insults, threats
	ActComplaint ActKind = "complaint" // see Act.Complaint
)

// Complaint categories.
const (
	ComplaintLate      = "late"
	ComplaintWrongItem = "wrong_item"
	ComplaintDamaged   = "damaged"
	ComplaintOther     = "other"
)

// Act is one act of the message.
type Act struct {
	Span Span
	Kind ActKind
	// Complaint is the category of an ActComplaint; Facts the words that
	// describe it ("ukuran m", "pesan l").
	Complaint string
	Facts     []string
}

// ChoiceAll in Reading.Choices means every entry of the list ("semua",
// "dua-duanya").
const ChoiceAll = -1

// Reading is everything one message says, each mention with its span in
// Norm. A span is used by one mention only.
type Reading struct {
	Norm      string // the normalised text the spans refer to
	Items     []Item
	Unknown   []Mention // products the shop does not sell, as named ("sepatu")
	NoVariant []NoVariant
	Details   Details
	Questions []Question // in the order asked
	Acts      []Act
	Choices   []int // numbered picks, 1-based, or ChoiceAll
}

// Read reads a buyer's message against the shop's catalogue index (nil
// for none) and the conversation context.
func Read(text string, ix *Index, ctx Context) Reading {
	if ix == nil {
		ix = NewIndex(nil)
	}
	r := newReader(text, ix, ctx)
	r.read()
	return r.out
}
