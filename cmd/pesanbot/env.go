package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"

	"github.com/pesanbot/pesanbot/config"
	"github.com/pesanbot/pesanbot/flows"
	"github.com/pesanbot/pesanbot/store"
)

// environment is what a command runs with.
type environment struct {
	ctx    context.Context
	getenv func(string) string
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
}

// flags makes a flag set that reports errors as usage errors and always
// has --data.
func (e *environment) flags(name string) (*flag.FlagSet, *string) {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	data := fs.String("data", "", "`DIR` folder data toko (atau PESANBOT_DATA; bawaan ~/.local/share/pesanbot)")
	return fs, data
}

// parse parses flags anywhere among the arguments and returns the rest.
func parse(fs *flag.FlagSet, args []string) ([]string, error) {
	var rest []string
	for {
		if err := fs.Parse(args); errors.Is(err, flag.ErrHelp) {
			return nil, helpRequested{helpOf(fs)}
		} else if err != nil {
			return nil, usagef("%s: %v (lihat: pesanbot %s --help)", fs.Name(), err, fs.Name())
		}
		if fs.NArg() == 0 {
			return rest, nil
		}
		rest = append(rest, fs.Arg(0))
		args = fs.Args()[1:]
	}
}

// dataDir resolves --data, then PESANBOT_DATA, then the XDG default.
func (e *environment) dataDir(flagValue string) (string, error) {
	if flagValue != "" {
		return flagValue, nil
	}
	if d := e.getenv("PESANBOT_DATA"); d != "" {
		return d, nil
	}
	if x := e.getenv("XDG_DATA_HOME"); x != "" {
		return filepath.Join(x, "pesanbot"), nil
	}
	home := e.getenv("HOME")
	if home == "" {
		h, err := os.UserHomeDir()
		if err != nil {
			return "", errors.New("no data directory: pass --data DIR or set PESANBOT_DATA")
		}
		home = h
	}
	return filepath.Join(home, ".local", "share", "pesanbot"), nil
}

// shopEnv is an opened data directory.
type shopEnv struct {
	dir    string
	shop   *flows.Shop
	db     *store.DB
	unlock func()
}

// shopEnv is closed by Close, which also releases the data directory's
// lock when the shop was opened with openLocked.
func (s *shopEnv) Close() error {
	err := s.db.Close()
	if s.unlock != nil {
		s.unlock()
	}
	return err
}

// openLocked opens the data directory for a command that serves it (run,
// chat, dashboard): one such process per directory, refused with a clear
// message. note tells a refused command who holds it.
func (e *environment) openLocked(data string, note lockNote) (*shopEnv, error) {
	dir, err := e.dataDir(data)
	if err != nil {
		return nil, err
	}
	if err := store.EnsureDir(dir); err != nil {
		return nil, err
	}
	unlock, err := lockDataDir(dir, note)
	if err != nil {
		return nil, err
	}
	s, err := e.openShop(dir, store.Options{})
	if err != nil {
		unlock()
		return nil, err
	}
	s.unlock = unlock
	return s, nil
}

// openShop opens a data directory, writing the sample shop on first start:
// a directory without shop.yaml gets the commented sample and the sample
// catalogue; one that has a shop.yaml is never seeded.
func (e *environment) openShop(dir string, opt store.Options) (*shopEnv, error) {
	if err := store.EnsureDir(dir); err != nil {
		return nil, err
	}
	seeded := false
	switch err := config.WriteSample(dir); {
	case err == nil:
		seeded = true
		fmt.Fprintf(e.stderr, "pesanbot: contoh toko dibuat di %s (ubah shop.yaml sesuai toko Anda)\n", dir)
	case errors.Is(err, config.ErrExists):
	default:
		return nil, err
	}
	shop, err := config.Load(filepath.Join(dir, "shop.yaml"))
	if err != nil {
		return nil, err
	}
	opt.Location, opt.Shop = shop.Location, shop
	db, err := store.Open(e.ctx, dir, opt)
	if err != nil {
		return nil, err
	}
	if seeded {
		cat, err := config.SampleCatalog()
		if err == nil {
			_, err = db.ImportCatalog(e.ctx, cat, false)
		}
		if err != nil {
			db.Close()
			return nil, fmt.Errorf("failed to seed the sample catalogue: %w", err)
		}
	}
	return &shopEnv{dir: dir, shop: shop, db: db}, nil
}

// logger logs to stderr at info level; PESANBOT_DEBUG=1 for debug (which
// may include personal data).
func (e *environment) logger() *slog.Logger {
	level := slog.LevelInfo
	if strings.TrimSpace(e.getenv("PESANBOT_DEBUG")) != "" {
		level = slog.LevelDebug
	}
	return slog.New(slog.NewTextHandler(e.stderr, &slog.HandlerOptions{Level: level}))
}
