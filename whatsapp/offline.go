package whatsapp

import (
	"context"
	"errors"

	"go.mau.fi/whatsmeow/types"
)

// OpenOffline opens whatsapp.db in the data directory without connecting
// and resolves LIDs and phone numbers through its LID store from then on,
// as Serve does: "pesanbot bench" hands messages to HandleMessage this way.
// The returned function closes whatsapp.db.
func (w *WhatsApp) OpenOffline(ctx context.Context) (close func() error, err error) {
	container, err := openSession(ctx, w.cfg.DataDir, w)
	if err != nil {
		return nil, err
	}
	w.lids = container.LIDMap
	return container.Close, nil
}

// lidWriter is the part of whatsmeow's LID store that records a mapping.
type lidWriter interface {
	PutLIDMapping(ctx context.Context, lid, pn types.JID) error
}

// errNoLIDStore means PutLID was called before OpenOffline (or Serve).
var errNoLIDStore = errors.New("whatsapp.db is not open")

// PutLID records that the LID user lid is the phone number pn (digits) in
// the open LID store, as whatsmeow does when the server tells it.
func (w *WhatsApp) PutLID(ctx context.Context, lid, pn string) error {
	lw, ok := w.lids.(lidWriter)
	if !ok {
		return errNoLIDStore
	}
	return lw.PutLIDMapping(ctx, types.NewJID(lid, types.HiddenUserServer), types.NewJID(pn, types.DefaultUserServer))
}
