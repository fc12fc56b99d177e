package bot

import (
	"go/build"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestNoWhatsmeow keeps the runtime free of the WhatsApp library: bot and
// every package of this module it imports (test files aside) must not
// import go.mau.fi/whatsmeow; the WhatsApp transport (package whatsapp)
// imports bot, never the reverse. It reads the import lines of the source
// files (go/build), so it needs neither the go command nor the network.
func TestNoWhatsmeow(t *testing.T) {
	root, module := moduleRoot(t)
	seen := map[string]bool{}
	var walk func(path, dir string, chain []string)
	walk = func(path, dir string, chain []string) {
		if seen[path] {
			return
		}
		seen[path] = true
		pkg, err := build.ImportDir(dir, 0)
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		chain = append(chain, path)
		for _, imp := range pkg.Imports {
			switch {
			case imp == "go.mau.fi/whatsmeow" || strings.HasPrefix(imp, "go.mau.fi/whatsmeow/"):
				t.Errorf("%s imports %s; only package whatsapp may", strings.Join(chain, " → "), imp)
			case imp == module+"/whatsapp" || strings.HasPrefix(imp, module+"/whatsapp/"):
				t.Errorf("%s imports %s: the WhatsApp transport imports bot, not the reverse", strings.Join(chain, " → "), imp)
			case strings.HasPrefix(imp, module+"/"):
				walk(imp, filepath.Join(root, filepath.FromSlash(strings.TrimPrefix(imp, module+"/"))), chain)
			}
		}
	}
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	walk(module+"/bot", wd, nil)
	if len(seen) < 3 {
		t.Fatalf("only %d packages walked; the walk is broken", len(seen))
	}
}

// moduleRoot finds go.mod above the working directory and its module path.
func moduleRoot(t *testing.T) (dir, module string) {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		data, err := os.ReadFile(filepath.Join(dir, "go.mod"))
		if err == nil {
			for _, line := range strings.Split(string(data), "\n") {
				if m, ok := strings.CutPrefix(strings.TrimSpace(line), "module "); ok {
					return dir, strings.Trim(strings.TrimSpace(m), `"`)
				}
			}
			t.Fatal("go.mod without a module line")
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("go.mod not found")
		}
		dir = parent
	}
}
