package bot

import (
	"encoding/json"

	"github.com/pesanbot/pesanbot/flows"
	"github.com/pesanbot/pesanbot/flows/lang"
	"github.com/pesanbot/pesanbot/store"
)

// saveCatalogRef stores what a catalogue message carried beside it, in the
// transaction that accepts the message, so a crash before its turn loses
// nothing.
func saveCatalogRef(tx *store.Tx, m Message) error {
	ref := *m.Catalog
	if p := ref.Product; p != nil {
		ref.Product = &flows.ProductRef{RetailerID: lang.Clean(p.RetailerID, 100), Title: lang.Clean(p.Title, 200), Price: max(p.Price, 0)}
	}
	if c := ref.Cart; c != nil {
		ref.Cart = &flows.CartRef{OrderID: lang.Clean(c.OrderID, 100), Token: lang.Clean(c.Token, 1000), Items: min(max(c.Items, 0), 10000),
			Total: max(c.Total, 0), Title: lang.Clean(c.Title, 200)}
	}
	if ref.Product == nil && ref.Cart == nil {
		return nil
	}
	data, err := json.Marshal(ref)
	if err != nil {
		return err
	}
	return tx.SaveCatalogRef(m.ID, string(data))
}

// catalogRefs reads what the catalogue messages among msgs carried, by
// inbound row id. Only "other" messages can have any.
func catalogRefs(tx *store.Tx, msgs []store.Message) (map[int64]flows.CatalogRef, error) {
	var ids []int64
	for _, m := range msgs {
		if m.Kind == "other" {
			ids = append(ids, m.ID)
		}
	}
	if len(ids) == 0 {
		return nil, nil
	}
	raw, err := tx.CatalogRefs(ids)
	if err != nil {
		return nil, err
	}
	out := make(map[int64]flows.CatalogRef, len(raw))
	for id, data := range raw {
		var ref flows.CatalogRef
		if json.Unmarshal([]byte(data), &ref) == nil && (ref.Product != nil || ref.Cart != nil) {
			out[id] = ref
		}
	}
	return out, nil
}
