//go:build !unix

package main

// The locks are no-ops where flock does not exist: run one pesanbot per
// data directory by hand there.

func lockDataDir(dir string, note lockNote) (unlock func(), err error) { return func() {}, nil }

func lockForChange(dir string) (unlock func(), err error) { return func() {}, nil }

func lockForRestore(dir string) (unlock func(), err error) { return func() {}, nil }
