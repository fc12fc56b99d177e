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
	var r ImportResult
	err := db.Update(ctx, func(tx *Tx) error {
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
				ON CONFLICT (sku) DO UPDATE SET name = excluded.name, category = excluded.category, description = excluded.description,
				aliases = excluded.aliases, image = excluded.image, position = excluded.position, active = 1
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
					ON CONFLICT (product_id, name) DO UPDATE SET price = excluded.price, stock = excluded.stock,
					weight_grams = excluded.weight_grams, position = excluded.position, active = 1`,
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
	})
	return r, err
}

// Catalog reads the active catalogue.
func (db *DB) Catalog(ctx context.Context) (*flows.Catalog, error) {
	return loadCatalog(ctx, db.db, false)
}

// CatalogEmpty reports whether no product was ever imported.
func (db *DB) CatalogEmpty(ctx context.Context) (bool, error) {
	var n int
	if err := db.db.QueryRowContext(ctx, `SELECT count(*) FROM product`).Scan(&n); err != nil {
		return false, classify(err)
	}
	return n == 0, nil
}
