//go:build !linux

package main

// releaseCode is Linux's (MADV_PAGEOUT); elsewhere the kernel reclaims
// start-up's code pages under memory pressure on its own.
func releaseCode() error { return nil }
