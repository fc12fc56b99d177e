package whatsapp

import (
	"context"
	"errors"

	"go.mau.fi/whatsmeow/store"
	"go.mau.fi/whatsmeow/types"
)

// OpenOffline opens whatsapp.db in the data directory without connecting
// and resolves LIDs and phone numbers through its LID store from then on,
// as Serve does: "pesanbot bench" hands messages to HandleMessage this way.
// The returned function closes whatsapp.db.
func (w *WhatsApp) OpenOffline(ctx context.Context) (closeDB func() error, err error) {
	container, err := openSession(ctx, w.cfg.DataDir, w)
	if err != nil {
		return nil, err
	}
	w.lids = container.LIDMap
	return container.Close, nil
}

// lidWriter is the part of whatsmeow's LID store that records mappings.
type lidWriter interface {
	PutManyLIDMappings(ctx context.Context, mappings []store.LIDMapping) error
}

// errNoLIDStore means PutLIDs was called before OpenOffline (or Serve).
var errNoLIDStore = errors.New("whatsapp.db is not open")

// PutLIDs records in the open LID store, in one transaction, that each LID
// user (key) is the phone number (value, digits), as whatsmeow does when
// the server tells it.
func (w *WhatsApp) PutLIDs(ctx context.Context, lidToPhone map[string]string) error {
	lw, ok := w.lids.(lidWriter)
	if !ok {
		return errNoLIDStore
	}
	ms := make([]store.LIDMapping, 0, len(lidToPhone))
	for lid, pn := range lidToPhone {
		ms = append(ms, store.LIDMapping{LID: types.NewJID(lid, types.HiddenUserServer), PN: types.NewJID(pn, types.DefaultUserServer)})
	}
	return lw.PutManyLIDMappings(ctx, ms)
}
