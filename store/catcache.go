package store

import (
	"context"
	"sync"

	"github.com/pesanbot/pesanbot/flows"
)

// catCache is the catalogue shared by every transaction of a DB: read
// from SQLite once, reused while catalog_version (bumped by triggers on
// every product and variant change, from any connection or process) still
// has the value it was read at. Only a catalogue read from committed data
// is kept: a transaction that changed the catalogue reads its own copy and
// never publishes it, so a rollback leaves nothing behind.
//
// An order's take that leaves stock does not bump the version (migration
// 14): the selling transaction publishes its copy with the new counts at
// the same version instead. gen counts those publications (and drops), so
// a catalogue read from a snapshot older than one of them is not kept over
// it at the same version. (A sale by another process is not seen until
// the version moves; its take is checked against SQLite's stock anyway.)
//
// The kept *flows.Catalog is shared by concurrent turns and must not be
// modified (its lang index is built once, atomically, by Catalog.Index).
type catCache struct {
	mu      sync.Mutex
	version int64
	gen     uint64
	cat     *flows.Catalog
}

// get returns the cached catalogue when it was read at version v.
func (c *catCache) get(v int64) *flows.Catalog {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.cat != nil && c.version == v {
		return c.cat
	}
	return nil
}

// generation is the count of publications and drops so far: a
// transaction notes it before its snapshot.
func (c *catCache) generation() uint64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.gen
}

// put keeps cat, read from committed data at version v by a transaction
// that noted generation gen before its snapshot, unless a newer one is
// kept already: a higher version, or the same version published or
// dropped since that snapshot (versions only grow).
func (c *catCache) put(v int64, cat *flows.Catalog, gen uint64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if v > c.version || c.gen == gen && (v == c.version || c.cat == nil) {
		c.version, c.cat = v, cat
	}
}

// publish keeps cat, the catalogue a transaction that sold kept true
// itself, at version v once it committed (under the write lock).
func (c *catCache) publish(v int64, cat *flows.Catalog) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.gen++
	if c.cat == nil || v >= c.version {
		c.version, c.cat = v, cat
	}
}

// invalidate drops the cached catalogue.
func (c *catCache) invalidate() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.cat = nil
	c.gen++
}

const selectCatalogVersion = `SELECT n FROM catalog_version`

// Catalog implements flows.View: the active catalogue with live stock,
// from the shared cache when nothing changed it since it was read.
func (tx *Tx) Catalog() *flows.Catalog {
	if tx.cat != nil {
		return tx.cat
	}
	if !tx.catVerKnown {
		if err := tx.QueryRowContext(tx.ctx, selectCatalogVersion).Scan(&tx.catVer); err != nil {
			tx.fail(classify(err))
			tx.cat = &flows.Catalog{}
			return tx.cat
		}
		tx.catVerKnown = true
	}
	if !tx.catWrote && !tx.stockWrote {
		if c := tx.db.cat.get(tx.catVer); c != nil {
			tx.cat = c
			return c
		}
	}
	c, err := loadCatalog(tx.ctx, tx, false)
	if err != nil {
		tx.fail(err)
		tx.cat = &flows.Catalog{}
		return tx.cat
	}
	if !tx.catWrote && !tx.stockWrote { // only what is committed is shared
		tx.db.cat.put(tx.catVer, c, tx.catGen)
	}
	tx.cat = c
	return c
}

// Catalog reads the active catalogue (the shared cached copy: read only).
func (db *DB) Catalog(ctx context.Context) (*flows.Catalog, error) {
	var c *flows.Catalog
	err := db.Read(ctx, func(tx *Tx) error {
		c = tx.Catalog()
		return nil
	})
	if err != nil {
		return nil, err
	}
	return c, nil
}
