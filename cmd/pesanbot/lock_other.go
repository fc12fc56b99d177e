//go:build !unix

package main

// lockDataDir is a no-op where flock does not exist: run one pesanbot per
// data directory by hand there.
func lockDataDir(dir string) (unlock func(), err error) {
	return func() {}, nil
}
