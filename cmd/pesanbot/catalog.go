package main

import (
	"fmt"
	"io"
	"os"

	"github.com/pesanbot/pesanbot/config"
	"github.com/pesanbot/pesanbot/store"
)

func (e *environment) cmdCatalog(args []string) error {
	if len(args) == 0 {
		return usagef("catalog import FILE [--replace] | catalog export [FILE]")
	}
	sub := args[0]
	fs, data := e.flags("catalog " + sub)
	replace := fs.Bool("replace", false, "deactivate products missing from the file")
	rest, err := parse(fs, args[1:])
	if err != nil {
		return err
	}
	switch sub {
	case "import":
		if len(rest) != 1 {
			return usagef("catalog import FILE [--replace]")
		}
		f, err := os.Open(rest[0])
		if err != nil {
			return fmt.Errorf("cannot open catalogue: %w", err)
		}
		cat, cols, err := config.ReadCatalogCSVColumns(rest[0], f)
		f.Close()
		if err != nil {
			return err
		}
		dir, err := e.dataDir(*data)
		if err != nil {
			return err
		}
		if err := store.EnsureDir(dir); err != nil {
			return err
		}
		// Beside a running bot (SQLite takes care of that), never during a
		// restore.
		unlock, err := lockForChange(dir)
		if err != nil {
			return err
		}
		defer unlock()
		s, err := e.openShop(dir, store.Options{})
		if err != nil {
			return err
		}
		defer s.Close()
		r, err := s.db.ImportCatalogColumns(e.ctx, cat, *replace, cols)
		if err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "Katalog diimpor: %d produk, %d varian (%d baru, %d diperbarui)", r.Products, r.Variants, r.Added, r.Updated)
		if *replace {
			fmt.Fprintf(e.stdout, ", %d varian lama dinonaktifkan", r.Deactivated)
		}
		fmt.Fprintln(e.stdout, ".")
		return nil
	case "export":
		if len(rest) > 1 || *replace {
			return usagef("catalog export [FILE]")
		}
		s, err := e.openFromFlags(*data)
		if err != nil {
			return err
		}
		defer s.Close()
		cat, err := s.db.Catalog(e.ctx)
		if err != nil {
			return err
		}
		var w io.Writer = e.stdout
		if len(rest) == 1 {
			f, err := os.OpenFile(rest[0], os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
			if err != nil {
				return fmt.Errorf("cannot write catalogue: %w", err)
			}
			defer f.Close()
			w = f
		}
		return config.WriteCatalogCSV(w, cat)
	}
	return usagef("unknown catalog command %q: use import or export", sub)
}
