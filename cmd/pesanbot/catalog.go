package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/pesanbot/pesanbot/config"
	"github.com/pesanbot/pesanbot/flows"
	"github.com/pesanbot/pesanbot/store"
)

// catalogFlags is the flag set of one catalog subcommand; only import has
// --replace.
func (e *environment) catalogFlags(sub string) (*flag.FlagSet, *string, *bool) {
	fs, data := e.flags("catalog " + sub)
	replace := new(bool)
	if sub == "import" {
		replace = fs.Bool("replace", false, "nonaktifkan produk yang tidak ada di file")
	}
	return fs, data, replace
}

func (e *environment) cmdCatalog(args []string) error {
	if len(args) == 0 {
		return usagef("catalog import FILE [--replace] | catalog export [FILE]")
	}
	sub := args[0]
	if isHelp(sub) || sub == "help" {
		imp, _, _ := e.catalogFlags("import")
		exp, _, _ := e.catalogFlags("export")
		return helpRequested{helpOf(imp) + "\n" + helpOf(exp)}
	}
	fs, data, replace := e.catalogFlags(sub)
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
		// The import and its audit entry are one commit, as on the
		// dashboard; the actor is the terminal, as for exports.
		var r store.ImportResult
		err = s.db.Update(e.ctx, func(tx *store.Tx) error {
			var err error
			if r, err = tx.ImportCatalog(cat, *replace, cols); err != nil {
				return err
			}
			detail := fmt.Sprintf("%s: %d produk, %d varian (%d baru, %d diperbarui)", filepath.Base(rest[0]), r.Products, r.Variants, r.Added, r.Updated)
			if *replace {
				detail += fmt.Sprintf(", ganti: %d varian lama dinonaktifkan", r.Deactivated)
			}
			return tx.Apply([]flows.Effect{flows.Audit{Actor: "terminal", Action: "impor katalog", Detail: detail}}, "")
		})
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
		if len(rest) > 1 {
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
	return usagef("perintah catalog %q tidak dikenal: pakai import atau export", sub)
}
