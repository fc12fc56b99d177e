package store

import (
	"context"
	"fmt"
	"strings"

	"github.com/pesanbot/pesanbot/flows"
)

// ImportResult counts what a catalogue import changed.
type ImportResult struct {
	Products, Variants, Added, Updated, Deactivated int
}

// ImportCatalog upserts products by SKU and variants by (SKU, variant name)
// in one transaction. With replace, products and variants missing from c
// are deactivated (kept, since old orders refer to them).
func (db *DB) ImportCatalog(ctx context.Context, c *flows.Catalog, replace bool) (ImportResult, error) {
	return db.ImportCatalogColumns(ctx, c, replace, optionalColumns)
}

// optionalColumns are the catalogue columns beyond sku, name, variant,
// price and stock, with the stored field each one sets.
var optionalColumns = []string{"weight_grams", "description", "aliases", "image", "category"}

// ImportCatalogColumns is ImportCatalog for a file that has only the
// optional columns in given (config.ReadCatalogCSVColumns): on products and
// variants already stored, the fields of the other columns keep their
// values, since a column left out of a file says nothing about them. New
// products and variants take c's values (the defaults) for every field.
func (db *DB) ImportCatalogColumns(ctx context.Context, c *flows.Catalog, replace bool, given []string) (ImportResult, error) {
	var r ImportResult
	err := db.Update(ctx, func(tx *Tx) error {
		var err error
		r, err = tx.ImportCatalog(c, replace, given)
		return err
	})
	return r, err
}

// ImportCatalog is ImportCatalogColumns in the caller's transaction, so an
// owner action can record its audit entry in the same commit.
func (tx *Tx) ImportCatalog(c *flows.Catalog, replace bool, given []string) (ImportResult, error) {
	ctx := tx.ctx
	has := map[string]bool{}
	for _, g := range given {
		has[g] = true
	}
	productSet := "name = excluded.name, position = excluded.position, active = 1"
	for _, col := range []string{"category", "description", "aliases", "image"} {
		if has[col] {
			productSet += ", " + col + " = excluded." + col
		}
	}
	variantSet := "price = excluded.price, stock = excluded.stock, position = excluded.position, active = 1"
	if has["weight_grams"] {
		variantSet += ", weight_grams = excluded.weight_grams"
	}
	var r ImportResult
	err := func() error {
		tx.wroteCatalog()
		if replace {
			res, err := tx.exec(`UPDATE variant SET active = 0 WHERE active = 1`)
			if err != nil {
				return err
			}
			n, _ := res.RowsAffected()
			r.Deactivated = int(n)
			if _, err := tx.exec(`UPDATE product SET active = 0`); err != nil {
				return err
			}
		}
		for pi, p := range c.Products {
			var pid int64
			err := tx.tx.QueryRowContext(ctx, `INSERT INTO product (sku, name, category, description, aliases, image, position, active)
				VALUES (?, ?, ?, ?, ?, ?, ?, 1)
				ON CONFLICT (sku) DO UPDATE SET `+productSet+`
				RETURNING id`, p.SKU, p.Name, p.Category, p.Description, strings.Join(p.Aliases, "|"), p.Image, pi).Scan(&pid)
			if err != nil {
				return fmt.Errorf("failed to import product %s: %w", p.SKU, classify(err))
			}
			r.Products++
			for vi, v := range p.Variants {
				var existed int
				if err := tx.tx.QueryRowContext(ctx, `SELECT count(*) FROM variant WHERE product_id = ? AND name = ?`, pid, v.Name).Scan(&existed); err != nil {
					return err
				}
				_, err := tx.exec(`INSERT INTO variant (product_id, name, price, stock, weight_grams, position, active)
					VALUES (?, ?, ?, ?, ?, ?, 1)
					ON CONFLICT (product_id, name) DO UPDATE SET `+variantSet,
					pid, v.Name, v.Price, v.Stock, v.WeightGrams, vi)
				if err != nil {
					return fmt.Errorf("failed to import %s %s: %w", p.SKU, v.Name, err)
				}
				r.Variants++
				if existed > 0 {
					r.Updated++
				} else {
					r.Added++
				}
			}
		}
		if replace {
			var still int
			if err := tx.tx.QueryRowContext(ctx, `SELECT count(*) FROM variant WHERE active = 0`).Scan(&still); err != nil {
				return err
			}
			r.Deactivated = still
		}
		return nil
	}()
	return r, err
}

// CatalogEmpty reports whether no product was ever imported.
func (db *DB) CatalogEmpty(ctx context.Context) (bool, error) {
	var n int
	if err := db.db.QueryRowContext(ctx, `SELECT count(*) FROM product`).Scan(&n); err != nil {
		return false, classify(err)
	}
	return n == 0, nil
}

// Untouched reports whether no one has written to the shop yet: no
// customer, message or audited owner action. A fresh data directory is
// untouched; its catalogue is the sample or an import the files still hold.
func (db *DB) Untouched(ctx context.Context) (bool, error) {
	var used bool
	err := db.db.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM customer) OR EXISTS (SELECT 1 FROM inbound)
		OR EXISTS (SELECT 1 FROM audit_log)`).Scan(&used)
	if err != nil {
		return false, classify(err)
	}
	return !used, nil
}
